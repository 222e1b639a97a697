package io.logpulse.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.config.ConfigException;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.job.KeyRegistry;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code decode.max-record-bytes} is capped at what a decoding subtask can hold, and at the cap a
 * gzip bomb is stopped as soon as decompression passes it while a real envelope of nearly that size
 * still decodes (in the test JVM's 2 GB heap).
 */
class RecordSizeLimitTest {

  private static final long T0 = 1_763_700_000_000L;
  private static final int CAP = DecoderSettings.MAX_RECORD_BYTES_LIMIT;

  private static DecoderSettings atTheCap() {
    return new DecoderSettings(CAP, 1024 * 1024, Duration.ofDays(14), Duration.ofHours(2));
  }

  @Test
  void theKeyAcceptsTheCapAndNothingAbove() {
    LogpulseConfig capped =
        LogpulseConfig.of(
            Map.of("decode.max-record-bytes", Integer.toString(CAP)), KeyRegistry.deployed());
    assertThat(capped.get(JobOptions.DECODE_MAX_RECORD_BYTES)).isEqualTo(64 * 1024 * 1024);

    assertThatThrownBy(
            () ->
                LogpulseConfig.of(
                    Map.of("decode.max-record-bytes", "2147483631"), KeyRegistry.deployed()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("decode.max-record-bytes");
    assertThatThrownBy(() -> new DecoderSettings(CAP + 1, 1, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFourMegabyteGzipBombStopsAtTheCap() {
    // concatenated gzip members of 128 MiB of zeros each: 4 MB that inflate to about 4 GB
    byte[] member = Envelopes.gzip(new byte[128 * 1024 * 1024]);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    while (bomb.size() < 4_000_000) {
      bomb.writeBytes(member);
    }
    SubscriptionEnvelopeDecoder decoder = new SubscriptionEnvelopeDecoder(atTheCap());
    RecordingListener result = new RecordingListener();

    assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> decoder.decode(bomb.toByteArray(), T0, T0, result));

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.OVERSIZED_RECORD);
    assertThat(result.recordRejections.get(0)).contains("decode.max-record-bytes=" + CAP);
  }

  @Test
  void anEnvelopeJustUnderTheCapDecodes() {
    ObjectNode envelope = Envelopes.data("111111111111", "/ecs/big", "s");
    String message = "x".repeat(60_000);
    int events = (CAP - 1024 * 1024) / (message.length() + 100);
    for (int i = 0; i < events; i++) {
      Envelopes.event(envelope, Integer.toString(i), T0, message);
    }
    RecordingListener result = new RecordingListener();

    new SubscriptionEnvelopeDecoder(atTheCap()).decode(Envelopes.gzip(envelope), T0, T0, result);

    assertThat(result.recordReasons).isEmpty();
    assertThat(result.events).hasSize(events);
  }
}
