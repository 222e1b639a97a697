package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the GetRecords limit of a shard adapts to full, small and timed-out calls. */
class BatchLimitTest {

  @Test
  void startsAtAThousandOrTheMaximumIfLower() {
    assertThat(new BatchLimit(10_000).limit()).isEqualTo(1000);
    assertThat(new BatchLimit(500).limit()).isEqualTo(500);
    assertThatThrownBy(() -> new BatchLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doublesWhileFullUpToTheMaximumAndHalvesWhileSmallDownToItsFloor() {
    BatchLimit limit = new BatchLimit(5000);
    limit.answered(1000);
    assertThat(limit.limit()).isEqualTo(2000);
    limit.answered(2000);
    limit.answered(4000);
    assertThat(limit.limit()).isEqualTo(5000);
    for (int i = 0; i < 10; i++) {
      limit.answered(3);
    }
    assertThat(limit.limit()).isEqualTo(BatchLimit.SMALL_FLOOR);
  }

  @Test
  void aTimeoutHalvesTheLimitAndCapsItDownToOneRecord() {
    BatchLimit limit = new BatchLimit(10_000);
    limit.timedOut();
    assertThat(limit.limit()).isEqualTo(500);
    assertThat(limit.ceiling()).isEqualTo(500);
    // Full answers do not go back to the size that timed out straight away.
    limit.answered(500);
    assertThat(limit.limit()).isEqualTo(500);
    for (int i = 0; i < 20; i++) {
      limit.timedOut();
    }
    assertThat(limit.limit()).isEqualTo(BatchLimit.TIMEOUT_FLOOR);
    // Small answers do not lift it above the lowered ceiling either.
    limit.answered(0);
    assertThat(limit.limit()).isEqualTo(BatchLimit.TIMEOUT_FLOOR);
  }

  @Test
  void theCeilingGrowsBackAfterCallsAnsweredInARow() {
    BatchLimit limit = new BatchLimit(10_000);
    limit.timedOut();
    limit.timedOut();
    assertThat(limit.ceiling()).isEqualTo(250);
    for (int i = 1; i < BatchLimit.CALLS_TO_GROW; i++) {
      limit.answered(limit.limit());
    }
    assertThat(limit.ceiling()).isEqualTo(250);
    limit.answered(limit.limit());
    assertThat(limit.ceiling()).isEqualTo(500);
    assertThat(limit.limit()).isEqualTo(500);
    for (int i = 0; i < 10 * BatchLimit.CALLS_TO_GROW; i++) {
      limit.answered(limit.limit());
    }
    assertThat(limit.ceiling()).isEqualTo(10_000);
    assertThat(limit.limit()).isEqualTo(10_000);
  }

  @Test
  void aTimeoutRestartsTheCountTowardsGrowing() {
    BatchLimit limit = new BatchLimit(10_000);
    limit.timedOut();
    for (int i = 1; i < BatchLimit.CALLS_TO_GROW; i++) {
      limit.answered(limit.limit());
    }
    limit.timedOut();
    limit.answered(limit.limit());
    assertThat(limit.ceiling()).isEqualTo(250);
  }
}
