package io.logpulse.cloudwatch;

import static io.logpulse.testing.ServiceEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.MetricWindow;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudWatchTimestampGuardTest {

  private static final long MINUTE = 60_000L;
  private static final long NOW = 1_763_700_000_000L - 1_763_700_000_000L % MINUTE;

  private OneInputStreamOperatorTestHarness<MetricWindow, MetricWindow> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new CloudWatchTimestampGuard());
    harness.setProcessingTime(NOW);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static MetricWindow windowAt(long start) {
    SeriesAggregate window = new SeriesAggregate("111111111111", "checkout", null, start);
    window.add(request("checkout", start + 1, 10));
    return window.toMetricWindow(MINUTE, 0);
  }

  private void send(long windowStart) throws Exception {
    harness.processElement(new StreamRecord<>(windowAt(windowStart)));
  }

  private List<DeadLetter> deadLetters() {
    return harness.getSideOutput(DeadLetters.TAG) == null
        ? List.of()
        : harness.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void windowsWithinCloudWatchsRangePassUnchanged() throws Exception {
    long[] starts = {
      NOW - CloudWatchTimestampGuard.MAX_AGE.toMillis(),
      NOW - Duration.ofDays(3).toMillis(),
      NOW - MINUTE,
      NOW,
      NOW + CloudWatchTimestampGuard.MAX_AHEAD.toMillis()
    };
    for (long start : starts) {
      send(start);
    }

    assertThat(harness.extractOutputValues())
        .extracting(w -> w.getWindowStart().toEpochMilli())
        .containsExactly(starts[0], starts[1], starts[2], starts[3], starts[4]);
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void windowsOlderThanTwoWeeksAreDeadLetteredWithTheReasonNeverPassed() throws Exception {
    send(NOW - Duration.ofDays(15).toMillis());
    send(NOW - CloudWatchTimestampGuard.MAX_AGE.toMillis() - 1);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .hasSize(2)
        .allSatisfy(
            letter -> {
              assertThat(letter.getReason())
                  .isEqualTo(DeadLetterReason.CLOUDWATCH_TIMESTAMP_TOO_OLD.name());
              assertThat(letter.getStage()).isEqualTo(CloudWatchTimestampGuard.STAGE);
              assertThat(letter.getDetail()).contains("checkout", "older than");
              assertThat(letter.getAccount()).isEqualTo("111111111111");
            });
    assertThat(CloudWatchTimestampGuard.MAX_AGE).isLessThan(Duration.ofDays(14));
  }

  @Test
  void windowsMoreThanTwoHoursAheadAreDeadLetteredWithTheReasonNeverPassed() throws Exception {
    send(NOW + Duration.ofHours(3).toMillis());
    send(NOW + CloudWatchTimestampGuard.MAX_AHEAD.toMillis() + 1);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .hasSize(2)
        .allSatisfy(
            letter -> {
              assertThat(letter.getReason())
                  .isEqualTo(DeadLetterReason.CLOUDWATCH_TIMESTAMP_TOO_FAR_AHEAD.name());
              assertThat(letter.getDetail()).contains("ahead");
            });
    assertThat(CloudWatchTimestampGuard.MAX_AHEAD).isLessThan(Duration.ofHours(2));
  }
}
