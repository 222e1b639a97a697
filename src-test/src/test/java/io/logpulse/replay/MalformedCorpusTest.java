package io.logpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.decode.DecoderSettings;
import io.logpulse.decode.RecordDecoding;
import io.logpulse.schema.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed corpus through the decode core as {@code logpulse decode} and the job run it: no
 * exception, and every event is accounted for exactly, in the events or in the dead letters.
 */
class MalformedCorpusTest {

  @TempDir Path dir;

  @Test
  void everyEventOfTheCorpusIsDecodedOrDeadLettered() throws Exception {
    MalformedCorpus corpus = MalformedCorpus.write(dir);
    RecordDecoding decoding =
        new RecordDecoding(DecoderSettings.defaults(), new UnregisteredMetricsGroup());
    long[] events = {0};
    Map<String, Long> deadLetters = new TreeMap<>();

    RecordingFiles.Listing listing =
        RecordingFiles.list(new org.apache.flink.core.fs.Path(dir.toUri()));
    for (FileStatus file : listing.files()) {
      InputStream in;
      try {
        in = RecordingFiles.open(file.getPath());
      } catch (IOException unopenable) {
        // as decode and replay report a file they cannot open: one unreadable record
        deadLetters.merge("UNREADABLE_RECORD", 1L, Long::sum);
        continue;
      }
      try (in;
          RecordedRecordsReader reader = new RecordedRecordsReader(in, file.getPath().getName())) {
        SourceRecord record;
        while ((record = reader.next()) != null) {
          decoding.decode(
              record,
              System.currentTimeMillis(),
              event -> events[0]++,
              dl -> deadLetters.merge(dl.getReason(), 1L, Long::sum));
        }
      }
    }

    assertThat(listing.skipped()).extracting(p -> p.getName()).containsExactly("_hidden.ndjson");
    assertThat(deadLetters).isEqualTo(corpus.deadLetters);
    assertThat(events[0]).isEqualTo(corpus.events);
  }
}
