package io.logpulse.impact;

import static io.logpulse.impact.ImpactFixtures.MINUTE;
import static io.logpulse.impact.ImpactFixtures.T;
import static io.logpulse.impact.ImpactFixtures.settings;
import static io.logpulse.impact.ImpactFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.Anomaly;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * What a healthy service does over a day never pages: binomial errors at its own rate, log-normal
 * latencies with routine one-minute blips of a few very slow requests, a daily traffic curve,
 * single errors in a quiet service. And real impact on the same service always does.
 */
class ImpactJudgePropertiesTest {

  private static final int DAY = 24 * 60;

  @Property(tries = 40)
  void aHealthyDayOpensNothing(
      @ForAll @IntRange(min = 2, max = 2_000) int peakRequests,
      @ForAll @DoubleRange(min = 0.0, max = 0.02) double errorRate,
      @ForAll @IntRange(min = 0, max = 6) int blipsPerHour,
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    List<Anomaly> steps = day(peakRequests, errorRate, blipsPerHour, seed, -1, 0);
    assertThat(steps).isEmpty();
  }

  @Property(tries = 40)
  void tenMinutesOfAQuarterOfRequestsFailingAlwaysOpens(
      @ForAll @IntRange(min = 100, max = 2_000) int peakRequests,
      @ForAll @DoubleRange(min = 0.0, max = 0.02) double errorRate,
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    List<Anomaly> steps = day(peakRequests, errorRate, 2, seed, 14 * 60, 0.25);
    assertThat(steps).extracting(Anomaly::getState).startsWith("OPEN");
    long start = steps.get(0).getStart().toEpochMilli();
    assertThat(start).isBetween(T + 14 * 60 * MINUTE, T + 15 * 60 * MINUTE);
    assertThat(steps.get(0).getTime().toEpochMilli() - start).isLessThanOrEqualTo(4 * MINUTE);
  }

  /**
   * A day of one service's windows, requests following a daily curve from a fifth of {@code peak}
   * at night; from minute {@code incidentAt} (if not negative) on, for 10 minutes, {@code
   * incidentRate} of requests fail.
   */
  private static List<Anomaly> day(
      int peak,
      double errorRate,
      int blipsPerHour,
      long seed,
      int incidentAt,
      double incidentRate) {
    ImpactJudge judge = new ImpactJudge(settings(Map.of()), MINUTE);
    ImpactState state = new ImpactState();
    SplittableRandom random = new SplittableRandom(seed);
    List<Anomaly> steps = new ArrayList<>();
    for (int minute = 0; minute < DAY; minute++) {
      double curve = 0.6 - 0.4 * Math.cos(2 * Math.PI * minute / DAY);
      long requests = poisson(peak * curve, random);
      boolean incident = incidentAt >= 0 && minute >= incidentAt && minute < incidentAt + 10;
      double rate = incident ? incidentRate : errorRate;
      long failed = 0;
      for (long i = 0; i < requests; i++) {
        failed += random.nextDouble() < rate ? 1 : 0;
      }
      boolean blip = random.nextDouble() < blipsPerHour / 60.0;
      long slow = blip ? Math.min(requests, 1 + random.nextInt(3)) : 0;
      steps.addAll(
          judge.judge(
              state,
              "111111111111",
              "checkout",
              window(T + minute * MINUTE, requests, failed, 80, slow, 15, random)));
    }
    return steps;
  }

  private static long poisson(double mean, SplittableRandom random) {
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    long k = 0;
    double p = Math.exp(-mean);
    double sum = p;
    double u = random.nextDouble();
    while (u > sum) {
      k++;
      p *= mean / k;
      sum += p;
    }
    return k;
  }
}
