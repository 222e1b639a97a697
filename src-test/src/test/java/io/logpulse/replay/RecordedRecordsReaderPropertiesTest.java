package io.logpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.common.Bytes;
import io.logpulse.schema.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reader resynchronises after any garbage: in NDJSON with garbage lines anywhere (the first
 * line included), every good record is read, in order, and every garbage line is exactly one
 * unreadable record holding that line.
 */
class RecordedRecordsReaderPropertiesTest {

  /** A line of the recording: a good record (its payload) or garbage (null payload). */
  record Line(String text, String payload) {}

  private static String good(int i) {
    String payload = "record-" + i;
    return "{\"SequenceNumber\":\""
        + i
        + "\",\"Data\":\""
        + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "\",\"ApproximateArrivalTimestamp\":1763700000.5}";
  }

  @Property(tries = 300)
  void everyGoodRecordIsReadAndEveryGarbageLineIsOneUnreadableRecord(
      @ForAll("recordings") List<Line> lines, @ForAll boolean crlf) throws IOException {
    String text = String.join(crlf ? "\r\n" : "\n", lines.stream().map(Line::text).toList()) + "\n";

    List<SourceRecord> read = new ArrayList<>();
    try (RecordedRecordsReader reader =
        new RecordedRecordsReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "p")) {
      SourceRecord record;
      while ((record = reader.next()) != null) {
        read.add(record);
      }
    }

    assertThat(read).hasSameSizeAs(lines);
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      SourceRecord record = read.get(i);
      String data = new String(Bytes.toArray(record.getData()), StandardCharsets.UTF_8);
      if (line.payload() != null) {
        assertThat(record.getReadError()).as("line %d", i + 1).isNull();
        assertThat(data).isEqualTo(line.payload());
      } else {
        assertThat(record.getReadError()).as("line %d", i + 1).isNotNull();
        assertThat(data).isEqualTo(line.text().strip());
      }
    }
  }

  @Provide
  Arbitrary<List<Line>> recordings() {
    Arbitrary<Integer> ids = Arbitraries.integers().between(0, 1_000_000);
    Arbitrary<Line> goodLines = ids.map(i -> new Line(good(i), "record-" + i));
    Arbitrary<String> noise =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('\u0000', '\t', '\u00e9', '\uFFFD', '\u2603')
            .ofMinLength(1)
            .ofMaxLength(60);
    Arbitrary<String> truncated =
        Combinators.combine(ids, Arbitraries.integers().between(2, 40))
            .as((i, cut) -> good(i).substring(0, Math.min(cut, good(i).length() - 1)));
    Arbitrary<String> jsonNoise =
        Arbitraries.of(
            "[1,2,3]",
            "42",
            "\"text\"",
            "{}",
            "{\"Data\":17}",
            "{\"Data\":\"%%%\"}",
            "null",
            "1 2",
            "{\"Records\":\"x\"}",
            "{\"a\":1} trailing",
            "}",
            "]",
            ",",
            "{\"Data\":\"QUJD\"");
    Arbitrary<Line> garbage =
        Arbitraries.oneOf(noise, truncated, jsonNoise)
            .filter(g -> !g.isBlank() && !g.strip().equals("{") && !g.contains("Records\":["))
            .map(g -> new Line(g, null));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, goodLines), net.jqwik.api.Tuple.of(2, garbage))
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }
}
