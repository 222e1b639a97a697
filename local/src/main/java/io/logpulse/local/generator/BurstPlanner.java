package io.logpulse.local.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the error bursts of a run from its seed: about one per simulated hour, each 5 to 15 minutes
 * long (shorter in short runs), on one service in one account, with a 10 to 30% error rate and a
 * CloudTrail change 2 to 6 minutes before it. Bursts of the same service and account never overlap.
 */
final class BurstPlanner {

  private BurstPlanner() {}

  static List<Incident> plan(
      SplittableRandom rng, Instant start, Duration duration, List<LogStreamSpec> streams) {
    List<LogStreamSpec> targets = new ArrayList<>();
    for (LogStreamSpec stream : streams) {
      boolean seen =
          targets.stream()
              .anyMatch(
                  t ->
                      t.service().equals(stream.service()) && t.account().equals(stream.account()));
      if (Estate.BURSTABLE.contains(stream.service()) && !seen) {
        targets.add(stream);
      }
    }
    long runMillis = duration.toMillis();
    int count = (int) Math.max(1, Math.round(runMillis / 3_600_000d));
    long margin = Math.min(15 * 60_000L, runMillis / 6);
    long maxLength = Math.max(60_000L, Math.min(15 * 60_000L, runMillis / 4));
    long minLength = Math.min(5 * 60_000L, maxLength);

    List<Incident> bursts = new ArrayList<>();
    for (int attempt = 0; bursts.size() < count && attempt < 20 * count; attempt++) {
      LogStreamSpec target = targets.get(rng.nextInt(targets.size()));
      long length = minLength + rng.nextLong(maxLength - minLength + 1);
      long latestStart = Math.max(margin, runMillis - margin - length);
      long offset = margin + rng.nextLong(latestStart - margin + 1);
      Instant from = start.plusMillis(offset);
      Instant to = from.plusMillis(length);
      double errorRate = 0.10 + rng.nextDouble() * 0.20;
      Instant changeTime = from.minusMillis(120_000L + rng.nextLong(240_000L));
      Incident burst =
          new Incident(
              target.service(),
              target.account(),
              from,
              to,
              Math.round(errorRate * 1000) / 1000d,
              CloudTrailEvents.changeFor(target.service()),
              changeTime);
      if (bursts.stream().noneMatch(b -> overlaps(b, burst))) {
        bursts.add(burst);
      }
    }
    bursts.sort(Comparator.comparing(Incident::start));
    return List.copyOf(bursts);
  }

  private static boolean overlaps(Incident a, Incident b) {
    return a.service().equals(b.service())
        && a.account().equals(b.account())
        && a.start().isBefore(b.end())
        && b.start().isBefore(a.end());
  }
}
