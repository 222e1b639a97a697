package io.logpulse.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.testing.Envelopes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder of malformed recordings, generated (no binary fixtures), with what each must yield: the
 * log events that reach the tables and the dead letters by reason. Every defect the decoder and the
 * reader were fixed for has a file, plus the usual damage of recorded files.
 */
final class MalformedCorpus {

  static final long T0 = 1_763_697_600_000L;

  /** Events expected in the tables, and dead letters expected by reason. */
  long events;

  final Map<String, Long> deadLetters = new TreeMap<>();

  private final Path dir;
  private int id;

  private MalformedCorpus(Path dir) {
    this.dir = dir;
  }

  static MalformedCorpus write(Path dir) throws IOException {
    MalformedCorpus c = new MalformedCorpus(dir);
    c.build();
    return c;
  }

  private void dead(String reason, long n) {
    deadLetters.merge(reason, n, Long::sum);
  }

  private ObjectNode envelope(String group, int events) {
    ObjectNode envelope = Envelopes.data("111111111111", group, "stream-1");
    for (int i = 0; i < events; i++) {
      Envelopes.event(envelope, "e" + id++, T0 + (id % 50) * 1000L, "INFO message " + id);
    }
    return envelope;
  }

  private static String line(byte[] payload, String arrival) {
    return "{\"SequenceNumber\":\"1\",\"Data\":\""
        + Base64.getEncoder().encodeToString(payload)
        + "\",\"ApproximateArrivalTimestamp\":"
        + arrival
        + "}";
  }

  private String good(int events) {
    this.events += events;
    return line(Envelopes.gzip(envelope("/ecs/corpus", events)), arrival());
  }

  private static String arrival() {
    return Long.toString((T0 + 60_000) / 1000);
  }

  private void file(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private void build() throws IOException {
    byte[] ok = Envelopes.gzip(envelope("/ecs/corpus", 1));
    // 1: arrival timestamps that are no time
    events += 2;
    file(
        "arrival.ndjson",
        line(Envelopes.gzip(envelope("/ecs/corpus", 1)), "1e400")
            + "\n"
            + line(Envelopes.gzip(envelope("/ecs/corpus", 1)), "\"1e999999999\"")
            + "\n");
    // 2: a log group over 64 KB
    file(
        "long-group.ndjson",
        line(Envelopes.gzip(envelope("/ecs/" + "g".repeat(70_000), 2)), arrival())
            + "\n"
            + good(2)
            + "\n");
    dead("OVERSIZED_FIELD", 1);
    // 3: NDJSON whose first line is malformed
    StringBuilder first = new StringBuilder("{\"Data\":\"broken\n");
    for (int i = 0; i < 50; i++) {
      first.append(good(2)).append('\n');
    }
    file("first-line.ndjson", first.toString());
    dead("UNREADABLE_RECORD", 1);
    // 3: a one-line get-records document broken in the middle
    file(
        "broken-doc.json",
        "{\"Records\":["
            + good(1)
            + ","
            + good(1)
            + ",{\"SequenceNumber\":\"9\",\"Data\":\"QUJD\" oops},"
            + good(1)
            + "],\"NextShardIterator\":\"x\"}\n");
    dead("UNREADABLE_RECORD", 1);
    // 6: invalid base64
    file("base64.ndjson", "{\"Data\":\"H4sI*not base64*\"}\n" + good(1) + "\n");
    dead("UNREADABLE_RECORD", 1);
    // 7: timestamps beyond the long range
    String wide =
        envelope("/ecs/corpus", 3)
            .toString()
            .replaceFirst("\"timestamp\":\\d+", "\"timestamp\":-A-")
            .replaceFirst("\"timestamp\":\\d+", "\"timestamp\":-B-")
            .replace("-A-", "99999999999999999999")
            .replace("-B-", "1e30");
    events += 1;
    dead("WRONG_TYPE", 2);
    file(
        "wide-timestamps.ndjson",
        line(Envelopes.gzip(wide.getBytes(StandardCharsets.UTF_8)), arrival()) + "\n");
    // 8: a control message carrying a data event
    ObjectNode control = Envelopes.control();
    ((com.fasterxml.jackson.databind.node.ArrayNode) control.get("logEvents"))
        .addObject()
        .put("id", "smuggled")
        .put("timestamp", T0)
        .put("message", "INFO smuggled");
    file("control.ndjson", line(Envelopes.gzip(control), arrival()) + "\n");
    dead("CONTROL_MESSAGE_EVENT", 1);
    // damaged payloads
    file("truncated-gzip.ndjson", line(Arrays.copyOf(ok, ok.length - 8), arrival()) + "\n");
    dead("TRUNCATED_GZIP", 1);
    file(
        "gzip-not-json.ndjson",
        line(Envelopes.gzip("hello, not json".getBytes()), arrival()) + "\n");
    dead("INVALID_JSON", 1);
    ObjectNode binary = envelope("/ecs/corpus", 1);
    Envelopes.event(binary, "bin", T0, "\u0000\u0001\u0002binary");
    events += 1;
    dead("BINARY_MESSAGE", 1);
    file("binary.ndjson", line(Envelopes.gzip(binary), arrival()) + "\n");
    ObjectNode huge = envelope("/ecs/corpus", 1);
    Envelopes.event(huge, "huge", T0, "x".repeat(2 * 1024 * 1024));
    events += 1;
    dead("OVERSIZED_MESSAGE", 1);
    file("huge-message.ndjson", line(Envelopes.gzip(huge), arrival()) + "\n");
    ObjectNode wrongType = Envelopes.data("111111111111", "/ecs/corpus", "s");
    wrongType.put("logEvents", "not an array");
    file("wrong-type.ndjson", line(Envelopes.gzip(wrongType), arrival()) + "\n");
    dead("WRONG_TYPE", 1);
    ObjectNode times = envelope("/ecs/corpus", 1);
    Envelopes.event(times, "old", T0 - 20L * 86_400_000L, "INFO old");
    Envelopes.event(times, "ahead", T0 + 10L * 3_600_000L, "INFO ahead");
    events += 1;
    dead("TIMESTAMP_TOO_OLD", 1);
    dead("TIMESTAMP_TOO_FAR_AHEAD", 1);
    file("times.ndjson", line(Envelopes.gzip(times), arrival()) + "\n");
    file("bomb.ndjson", line(Envelopes.gzip(new byte[100 * 1024 * 1024]), arrival()) + "\n");
    dead("OVERSIZED_RECORD", 1);
    // recorded files' own damage
    file("empty.json", "");
    file("blank.json", " \n\t\r\n  \n");
    file("bom-crlf.ndjson", "\uFEFF" + good(1) + "\r\n" + good(1) + "\r\n");
    file("nul.ndjson", good(1) + "\n\u0000\u0000\u0000\n" + good(1) + "\n");
    dead("UNREADABLE_RECORD", 1);
    Files.write(
        dir.resolve("compressed.ndjson.gz"),
        Envelopes.gzip((good(1) + "\n" + good(1) + "\n").getBytes(StandardCharsets.UTF_8)));
    // named .gz but no gzip: the whole file is one unreadable record, its records count nowhere
    long before = events;
    file("not-gzip.ndjson.gz", good(3) + "\n");
    events = before;
    dead("UNREADABLE_RECORD", 1);
    // hidden: skipped by both commands, so its records count nowhere
    file("_hidden.ndjson", good(5) + "\n");
    events = before;
  }
}
