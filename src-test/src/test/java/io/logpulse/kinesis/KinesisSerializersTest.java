package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splits and enumerator state survive a checkpoint byte for byte. */
class KinesisSerializersTest {

  private static final KinesisShardSplit CHILD =
      new KinesisShardSplit(
          "arn:aws:kinesis:us-east-1:123456789012:stream/central-logs",
          "shardId-000000000004",
          List.of("central-logs|shardId-000000000001", "central-logs|shardId-000000000002"),
          StartPosition.trimHorizon(),
          1_763_700_000_000L);

  @Test
  void splitsRoundTripWithEveryKindOfStartPosition() throws IOException {
    for (KinesisShardSplit split :
        List.of(
            CHILD,
            CHILD.resumingAfter("49590338271490256608559692538361571095921575989136588898"),
            new KinesisShardSplit(
                "central-logs",
                "shardId-000000000000",
                List.of(),
                StartPosition.atTimestamp(Instant.parse("2026-11-21T10:00:00Z")),
                null))) {
      KinesisShardSplitSerializer serializer = KinesisShardSplitSerializer.INSTANCE;

      assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split)))
          .isEqualTo(split);
    }
  }

  @Test
  void resumingKeepsTheShardAndStartsAfterTheLastRecord() {
    KinesisShardSplit resumed = CHILD.resumingAfter("42");

    assertThat(resumed.splitId()).isEqualTo(CHILD.splitId());
    assertThat(resumed.start()).isEqualTo(StartPosition.afterSequenceNumber("42"));
    assertThat(CHILD.resumingAfter(null)).isSameAs(CHILD);
  }

  @Test
  void enumeratorStateRoundTrips() throws IOException {
    KinesisEnumeratorState state =
        new KinesisEnumeratorState(
            new LinkedHashSet<>(Set.of("central-logs|shardId-000000000001")),
            new LinkedHashSet<>(Set.of("central-logs|shardId-000000000000")),
            List.of(CHILD),
            1_763_700_000_000L);
    KinesisEnumeratorState.Serializer serializer = new KinesisEnumeratorState.Serializer();

    assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
        .isEqualTo(state);
  }

  @Test
  void unknownVersionsAreRefused() {
    assertThatThrownBy(() -> KinesisShardSplitSerializer.INSTANCE.deserialize(99, new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("99");
  }
}
