package io.logpulse.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The one retry policy: full-jitter exponential backoff within its bounds, its attempts, and the
 * same policy as the SDK's retry strategy.
 */
class RetryPolicyTest {

  @Property
  void eachDelayIsWithinZeroAndTheDoubledBaseCappedAtTheMaximum(
      @ForAll @LongRange(min = 1, max = 5_000) long baseMs,
      @ForAll @LongRange(min = 0, max = 100_000) long extraMs,
      @ForAll @IntRange(min = 1, max = 200) int attempt) {
    RetryPolicy policy =
        new RetryPolicy(5, Duration.ofMillis(baseMs), Duration.ofMillis(baseMs + extraMs));
    long ceiling = Math.min(baseMs + extraMs, baseMs << Math.min(attempt - 1, 20));

    assertThat(policy.backoffMillis(attempt)).isBetween(0L, ceiling);
  }

  @Example
  void theDelaysSpreadOverTheWholeJitterRange() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(20));
    List<Long> third = IntStream.range(0, 2_000).mapToObj(i -> policy.backoffMillis(3)).toList();

    assertThat(third).allSatisfy(d -> assertThat(d).isBetween(0L, 400L));
    assertThat(third).anySatisfy(d -> assertThat(d).isLessThan(100L));
    assertThat(third).anySatisfy(d -> assertThat(d).isGreaterThan(300L));
  }

  @Property
  void thePolicyIsExhaustedAtItsLastAttempt(
      @ForAll @IntRange(min = 1, max = 100) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 200) int attempt) {
    RetryPolicy policy = new RetryPolicy(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(1));

    assertThat(policy.exhausted(attempt)).isEqualTo(attempt >= maxAttempts);
  }

  @Property
  void theSdkStrategyMakesThePolicysAttempts(@ForAll @IntRange(min = 1, max = 100) int attempts) {
    RetryStrategy strategy =
        new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(50)).sdkStrategy();

    assertThat(strategy.maxAttempts()).isEqualTo(attempts);
  }

  @Example
  void noneIsOneAttemptWithoutWaiting() {
    assertThat(RetryPolicy.NONE.sdkStrategy().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.NONE.exhausted(1)).isTrue();
    assertThat(RetryPolicy.NONE.backoffMillis(1)).isZero();
  }

  @Example
  void aPolicyWithoutAttemptsOrWithABaseAboveItsMaximumIsRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
