package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.generator.Incident;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident evaluation with floors, on held-out seeds: the whole job, run locally on generated
 * fleet days (busy and quiet services, latency blips, single errors, traffic surges, harmless
 * changes; deploys, parameter, IAM and network edits and an outage with no change, each with decoys
 * in time and across accounts), as {@code logpulse evaluate} runs it. It prints the evaluation's
 * tables and fails when recall or top-1 suspect accuracy falls below 0.9, or false incidents rise
 * above 0.2 per service-day, the floors.
 */
class IncidentScenarioITCase {

  /**
   * Held out: {@code logpulse evaluate} develops on 3, 7 and 42. Two seeds whose four-hour days
   * together hold all five kinds of cause (the test checks it).
   */
  private static final List<Long> HELD_OUT = List.of(101L, 102L);

  /**
   * Four simulated hours per seed keep the test near five minutes on a shared two-core machine
   * (about 35 s per simulated hour): four incidents each after the detectors' first hour.
   */
  private static final Duration DAY = Duration.ofHours(4);

  /**
   * The simulated hours are fixed, in the busy half of the day: the generator's traffic follows the
   * hour of day, so a run that ends "now" would see different traffic depending on when it runs.
   */
  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

  private static final double RECALL_FLOOR = 0.9;
  private static final double TOP_SUSPECT_FLOOR = 0.9;
  private static final double FALSE_PER_SERVICE_DAY_CEILING = 0.2;

  @TempDir Path dir;

  @Test
  void incidentsAreFoundNamedRightAndRarelyFalseOnFleetDays() throws Exception {
    IncidentReport.Evaluation total = IncidentReport.Evaluation.EMPTY;
    for (long seed : HELD_OUT) {
      total = total.plus(FleetEvaluation.run(seed, DAY, START, dir.resolve("seed-" + seed)));
    }
    System.out.println("incident scenarios " + HELD_OUT + ", " + DAY + " each from " + START + ":");
    FleetEvaluation.print(total, System.out);

    assertThat(total.byCause().keySet())
        .containsExactlyInAnyOrder(
            List.of(Incident.Cause.values()).stream()
                .map(Incident.Cause::label)
                .toArray(String[]::new));
    assertThat(total.recall()).isGreaterThanOrEqualTo(RECALL_FLOOR);
    assertThat(total.topSuspectAccuracy()).isGreaterThanOrEqualTo(TOP_SUSPECT_FLOOR);
    assertThat(total.falsePerServiceDay()).isLessThanOrEqualTo(FALSE_PER_SERVICE_DAY_CEILING);
  }
}
