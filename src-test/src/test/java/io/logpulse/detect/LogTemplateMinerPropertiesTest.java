package io.logpulse.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the messages, the miner does not throw, maps a message it has just seen to the same
 * template again, does not make new templates of messages that differ only in numbers and ids, and
 * never keeps more templates than its bound.
 */
class LogTemplateMinerPropertiesTest {

  private static final List<String> SHAPES =
      List.of(
          "Failed to charge card for order %s after %s ms",
          "Connection to %s refused (attempt %s)",
          "User %s not found in tenant %s",
          "Request %s failed: upstream returned status %s");

  @Property(tries = 300)
  void neverThrowsAndIsDeterministic(@ForAll @Size(max = 30) List<String> messages) {
    LogTemplateMiner miner = new LogTemplateMiner(8);
    LogTemplateMiner twin = new LogTemplateMiner(8);
    for (String message : messages) {
      LogTemplateMiner.Match match = miner.add(message);
      assertThat(twin.add(message)).isEqualTo(match);
      LogTemplateMiner.Match again = miner.add(message);
      twin.add(message);
      assertThat(again.id()).isEqualTo(match.id());
      assertThat(again.template()).isEqualTo(match.template());
      assertThat(again.created()).isFalse();
    }
  }

  @Property(tries = 200)
  void varyingNumbersAndIdsDoNotMakeNewTemplates(
      @ForAll @Size(min = 2, max = 40) List<@From("variableParts") String> parts) {
    LogTemplateMiner miner = new LogTemplateMiner(100);
    for (int i = 0; i + 1 < parts.size(); i += 2) {
      miner.add(String.format(SHAPES.get(i % SHAPES.size()), parts.get(i), parts.get(i + 1)));
    }
    assertThat(miner.size()).isLessThanOrEqualTo(SHAPES.size());
  }

  @Property(tries = 200)
  void templateCountNeverExceedsTheBound(
      @ForAll @IntRange(min = 1, max = 10) int bound,
      @ForAll @Size(max = 60) List<@From("words") String> messages) {
    LogTemplateMiner miner = new LogTemplateMiner(bound);
    for (String message : messages) {
      miner.add(message);
      assertThat(miner.size()).isBetween(1, bound);
    }
  }

  @Provide
  Arbitrary<String> variableParts() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(n -> Long.toString(n)),
        Arbitraries.doubles().map(d -> Double.toString(d)),
        Arbitraries.longs().map(n -> "0x" + Long.toHexString(n)),
        Arbitraries.randomValue(random -> new java.util.UUID(random.nextLong(), random.nextLong()))
            .map(java.util.UUID::toString),
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(octets -> String.join(".", octets.stream().map(String::valueOf).toList())),
        Arbitraries.strings().alpha().ofLength(3).map(s -> "req-" + s + "7"));
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings()
        .alpha()
        .ofMinLength(1)
        .ofMaxLength(6)
        .list()
        .ofMinSize(0)
        .ofMaxSize(5)
        .map(tokens -> String.join(" ", tokens));
  }
}
