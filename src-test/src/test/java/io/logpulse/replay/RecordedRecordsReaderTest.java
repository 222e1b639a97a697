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
import org.junit.jupiter.api.Test;

class RecordedRecordsReaderTest {

  private static final String A = Base64.getEncoder().encodeToString("first".getBytes());
  private static final String B = Base64.getEncoder().encodeToString("second".getBytes());

  private static List<SourceRecord> read(String text) throws IOException {
    List<SourceRecord> records = new ArrayList<>();
    try (RecordedRecordsReader reader =
        new RecordedRecordsReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test")) {
      SourceRecord record;
      while ((record = reader.next()) != null) {
        records.add(record);
      }
    }
    return records;
  }

  private static String data(SourceRecord record) {
    return new String(Bytes.toArray(record.getData()), StandardCharsets.UTF_8);
  }

  @Test
  void inNdjsonAnObjectClosedOnALaterLineIsTwoBrokenLinesNotOneRecord() throws IOException {
    List<SourceRecord> read = read("{\"Data\":\"" + A + "\"\n}\n" + record(B) + "\n");

    assertThat(read).hasSize(3);
    assertThat(read.subList(0, 2)).allMatch(r -> r.getReadError() != null);
    assertThat(read.get(2).getReadError()).isNull();
    assertThat(data(read.get(2))).isEqualTo("second");
  }

  @Test
  void readsPrettyPrintedGetRecordsOutput() throws IOException {
    String cli =
        "{\n"
            + "    \"Records\": [\n"
            + "        {\n"
            + "            \"SequenceNumber\": \"4959033827149025660855969253836157\",\n"
            + "            \"ApproximateArrivalTimestamp\": 1763700000.123,\n"
            + "            \"Data\": \""
            + A
            + "\",\n"
            + "            \"PartitionKey\": \"a\"\n"
            + "        },\n"
            + "        {\n"
            + "            \"SequenceNumber\": \"4959033827149025660855969253836158\",\n"
            + "            \"ApproximateArrivalTimestamp\": \"2025-11-21T04:40:00.456000+00:00\",\n"
            + "            \"Data\": \""
            + B
            + "\",\n"
            + "            \"PartitionKey\": \"b\"\n"
            + "        }\n"
            + "    ],\n"
            + "    \"NextShardIterator\": \"AAAA\",\n"
            + "    \"MillisBehindLatest\": 0\n"
            + "}\n";

    List<SourceRecord> records = read(cli);

    assertThat(records)
        .extracting(RecordedRecordsReaderTest::data)
        .containsExactly("first", "second");
    assertThat(records.get(0).getArrivalTime()).isEqualTo(1_763_700_000_123L);
    assertThat(records.get(1).getArrivalTime()).isEqualTo(1_763_700_000_456L);
    assertThat(records.get(0).getSequenceNumber()).isEqualTo("4959033827149025660855969253836157");
    assertThat(records).allSatisfy(r -> assertThat(r.getReadError()).isNull());
  }

  @Test
  void readsSeveralGetRecordsDocumentsOneAfterAnother() throws IOException {
    String two =
        "{\n\"Records\":[{\"Data\":\"" + A + "\"}]}\n{\n\"Records\":[{\"Data\":\"" + B + "\"}]}";

    assertThat(read(two))
        .extracting(RecordedRecordsReaderTest::data)
        .containsExactly("first", "second");
  }

  @Test
  void readsNdjsonOfRecordsAndKeepsGoingPastABadLine() throws IOException {
    String ndjson =
        "{\"Data\":\""
            + A
            + "\",\"ShardId\":\"shardId-000000000001\"}\n"
            + "{not json\n"
            + "\n"
            + "{\"data\":\""
            + B
            + "\"}\n";

    List<SourceRecord> records = read(ndjson);

    assertThat(records).hasSize(3);
    assertThat(data(records.get(0))).isEqualTo("first");
    assertThat(records.get(0).getShardId()).isEqualTo("shardId-000000000001");
    assertThat(records.get(1).getReadError()).contains("line 2");
    assertThat(data(records.get(1))).isEqualTo("{not json");
    assertThat(data(records.get(2))).isEqualTo("second");
  }

  @Test
  void invalidBase64BecomesAnUnreadableRecordNotALoss() throws IOException {
    List<SourceRecord> records = read("{\"Data\":\"%%%not-base64\"}\n");

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getReadError()).contains("base64");
              assertThat(data(r)).contains("%%%not-base64");
            });
  }

  @Test
  void recordWithoutDataIsUnreadable() throws IOException {
    assertThat(read("{\"SequenceNumber\":\"1\"}\n"))
        .singleElement()
        .satisfies(r -> assertThat(r.getReadError()).contains("Data"));
  }

  @Test
  void documentBrokenMidwayKeepsWhatCameBeforeAndReportsTheRest() throws IOException {
    String broken =
        "{\n\"Records\":[{\"Data\":\"" + A + "\"}]}\n{\n\"Records\":[{\"Data\":\"" + B + "\"";

    List<SourceRecord> records = read(broken);

    assertThat(records).hasSize(2);
    assertThat(data(records.get(0))).isEqualTo("first");
    assertThat(records.get(1).getReadError()).contains("invalid JSON");
  }

  @Test
  void emptyInputHasNoRecords() throws IOException {
    assertThat(read("")).isEmpty();
    assertThat(read("\n\n")).isEmpty();
  }

  private static String record(String base64) {
    return "{\"SequenceNumber\":\"1\",\"Data\":\"" + base64 + "\"}";
  }

  @Test
  void arrivalTimestampsThatAreNoTimeAreIgnoredAndTheRecordKept() throws IOException {
    List<SourceRecord> records =
        read(
            "{\"Data\":\""
                + A
                + "\",\"ApproximateArrivalTimestamp\":1e400}\n"
                + "{\"Data\":\""
                + A
                + "\",\"ApproximateArrivalTimestamp\":\"1e999999999\"}\n"
                + "{\"Data\":\""
                + A
                + "\",\"ApproximateArrivalTimestamp\":-5}\n"
                + "{\"Data\":\""
                + A
                + "\",\"ApproximateArrivalTimestamp\":1e-999999999}\n"
                + "{\"Data\":\""
                + A
                + "\",\"ApproximateArrivalTimestamp\":\"+999999999-12-31T23:59:59Z\"}\n");

    assertThat(records).hasSize(5);
    assertThat(records).allSatisfy(r -> assertThat(r.getReadError()).isNull());
    assertThat(records)
        .extracting(SourceRecord::getArrivalTime)
        .containsExactly(null, null, null, 0L, null);
    assertThat(records.get(0).getReadWarning()).contains("ApproximateArrivalTimestamp");
    assertThat(records.get(3).getReadWarning()).isNull();
  }

  @Test
  void base64WithCharactersOutsideTheAlphabetIsUnreadableNotDecodedLeniently() throws IOException {
    assertThat(read(record("H4sI*AAA=") + "\n" + record("SGVs\\nbG8=") + "\n"))
        .satisfiesExactly(
            bad -> assertThat(bad.getReadError()).contains("invalid base64"),
            wrapped -> assertThat(data(wrapped)).isEqualTo("Hello"));
  }

  @Test
  void aMalformedFirstNdjsonLineCostsOnlyItself() throws IOException {
    StringBuilder ndjson = new StringBuilder("{\"Data\":\"broken\n");
    for (int i = 0; i < 5_000; i++) {
      ndjson.append(record(A)).append('\n');
    }

    List<SourceRecord> records = read(ndjson.toString());

    assertThat(records).hasSize(5_001);
    assertThat(records.get(0).getReadError()).contains("line 1");
    assertThat(data(records.get(0))).isEqualTo("{\"Data\":\"broken");
    assertThat(records.subList(1, records.size()))
        .allSatisfy(r -> assertThat(data(r)).isEqualTo("first"));
  }

  @Test
  void aOneLineDocumentBrokenInTheMiddleKeepsTheRecordsAroundTheBreak() throws IOException {
    String line =
        "{\"Records\":["
            + record(A)
            + ","
            + "{\"SequenceNumber\":\"2\",\"Data\":\"QUJD\" \"oops\"},"
            + record(B)
            + "],\"NextShardIterator\":\"x\"}\n"
            + record(A)
            + "\n";

    List<SourceRecord> records = read(line);

    assertThat(records).hasSize(4);
    assertThat(data(records.get(0))).isEqualTo("first");
    assertThat(records.get(1).getReadError()).contains("invalid JSON");
    assertThat(data(records.get(1)))
        .isEqualTo("{\"SequenceNumber\":\"2\",\"Data\":\"QUJD\" \"oops\"},");
    assertThat(data(records.get(2))).isEqualTo("second");
    assertThat(data(records.get(3))).isEqualTo("first");
  }

  @Test
  void aPrettyDocumentBrokenInARecordResumesAtTheNextRecord() throws IOException {
    String pretty =
        "{\n  \"Records\": [\n    {\n      \"SequenceNumber\": \"1\",\n      \"Data\": \""
            + A
            + "\"\n    },\n    {\n      \"SequenceNumber\": \"2\",\n      \"Data\": \"QUJD\n"
            + "    },\n    {\n      \"SequenceNumber\": \"3\",\n      \"Data\": \""
            + B
            + "\"\n    }\n  ],\n  \"MillisBehindLatest\": 0\n}\n"
            + "{\"Records\":["
            + record(A)
            + "]}";

    List<SourceRecord> records = read(pretty);

    assertThat(records).hasSize(4);
    assertThat(data(records.get(0))).isEqualTo("first");
    assertThat(records.get(1).getReadError()).contains("invalid JSON", "line 7");
    assertThat(data(records.get(1))).startsWith("{").contains("\"2\"").doesNotContain("\"3\"");
    assertThat(data(records.get(2))).isEqualTo("second");
    assertThat(data(records.get(3))).isEqualTo("first");
  }

  @Test
  void aHugeUnreadableSpanIsCutAndSaysHowMuch() throws IOException {
    String garbage = "x".repeat(Resync.MAX_KEPT_CHARS + 1000);

    List<SourceRecord> records = read(garbage + "\n" + record(A) + "\n");

    assertThat(records).hasSize(2);
    assertThat(records.get(0).getReadError())
        .contains(
            "truncated: kept " + Resync.MAX_KEPT_CHARS + " of " + garbage.length() + " bytes");
    assertThat(records.get(0).getData().remaining()).isEqualTo(Resync.MAX_KEPT_CHARS);
    assertThat(data(records.get(1))).isEqualTo("first");
  }

  @Test
  void byteOrderMarkCrlfAndNulBytesCostNoGoodRecord() throws IOException {
    String text = "\uFEFF" + record(A) + "\r\n\u0000\u0000garbage\r\n" + record(B) + "\r\n\r\n";

    List<SourceRecord> records = read(text);

    assertThat(records).hasSize(3);
    assertThat(data(records.get(0))).isEqualTo("first");
    assertThat(data(records.get(1))).isEqualTo("\u0000\u0000garbage");
    assertThat(data(records.get(2))).isEqualTo("second");
  }

  @Test
  void garbageThatLooksLikeTheStartOfAnObjectCostsOnlyItsLine() throws IOException {
    List<SourceRecord> records = read("{\"a\":\n" + record(A) + "\n{\n" + record(B) + "\n");

    assertThat(records).hasSize(4);
    assertThat(records.get(0).getReadError()).isNotNull();
    assertThat(data(records.get(1))).isEqualTo("first");
    assertThat(records.get(2).getReadError()).isNotNull();
    assertThat(data(records.get(3))).isEqualTo("second");
  }
}
