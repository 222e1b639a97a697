package io.logpulse.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/** The tails the impact judge tests counts with, against exact sums. */
class TailProbabilitiesTest {

  @Property(tries = 300)
  void theBinomialTailAboveTheMeanIsTheExactSum(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @DoubleRange(min = 0.0005, max = 0.5) @Scale(5) double p,
      @ForAll @IntRange(min = 0, max = 300) int k) {
    double exact = 0;
    for (int i = k; i <= n; i++) {
      exact += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
    }
    double tail = TailProbabilities.binomialAtLeast(k, n, p);
    if (k > n) {
      assertThat(tail).isZero();
    } else if (k > n * p) {
      assertThat(tail).isCloseTo(exact, within(1e-9 + exact * 1e-6));
    } else {
      assertThat(tail).isEqualTo(1.0);
    }
  }

  @Property(tries = 300)
  void thePoissonTailBelowTheMeanIsTheExactSum(
      @ForAll @DoubleRange(min = 0.5, max = 500) double lambda,
      @ForAll @IntRange(min = 0, max = 500) int k) {
    double exact = 0;
    for (int i = 0; i <= k; i++) {
      exact += Math.exp(i * Math.log(lambda) - lambda - logFactorialExact(i));
    }
    double tail = TailProbabilities.poissonAtMost(k, lambda);
    if (k < lambda) {
      assertThat(tail).isCloseTo(exact, within(1e-9 + exact * 1e-6));
    } else {
      assertThat(tail).isEqualTo(1.0);
    }
  }

  @Test
  void countsMakeEvidenceNotRates() {
    assertThat(TailProbabilities.binomialAtLeast(1, 6, 0.003)).isGreaterThan(0.01);
    assertThat(TailProbabilities.binomialAtLeast(30, 200, 0.003)).isLessThan(1e-30);
    assertThat(TailProbabilities.binomialAtLeast(100_000, 1_000_000, 0.003)).isZero();
  }

  private static double logChoose(int n, int k) {
    return logFactorialExact(n) - logFactorialExact(k) - logFactorialExact(n - k);
  }

  private static double logFactorialExact(int n) {
    double sum = 0;
    for (int i = 2; i <= n; i++) {
      sum += Math.log(i);
    }
    return sum;
  }
}
