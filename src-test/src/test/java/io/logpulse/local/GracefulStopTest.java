package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The first signal asks for a graceful stop; the second aborts at once. */
class GracefulStopTest {

  @Test
  void theFirstSignalAsksForAStopAndTheSecondAborts() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AtomicInteger aborts = new AtomicInteger();
    GracefulStop stop =
        new GracefulStop(
            new PrintStream(printed, true, StandardCharsets.UTF_8), aborts::incrementAndGet);

    assertThat(stop.requested()).isFalse();
    stop.signal("SIGINT");
    assertThat(stop.requested()).isTrue();
    assertThat(aborts).hasValue(0);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "logpulse: SIGINT: stopping with a savepoint (press Ctrl-C again to abort at once)");

    stop.signal("SIGTERM");
    assertThat(aborts).hasValue(1);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("logpulse: SIGTERM again: aborting");
  }
}
