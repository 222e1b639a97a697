package io.logpulse.local.cli;

import io.logpulse.local.FleetEvaluation;
import io.logpulse.local.IncidentReport.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logpulse evaluate}: the whole job, run locally on generated fleet days (busy and quiet
 * services, noise, harmless changes, five kinds of harmful cause with decoys), and how its
 * incidents compare with what was planted: recall, top-1 suspect accuracy per kind of cause, false
 * incidents per service-day and the noise class behind each, detection delay.
 */
@Command(
    name = "evaluate",
    description =
        "Recall, top-1 suspect accuracy, false incidents per service-day and delay of the job's"
            + " incidents on generated fleet days.")
final class EvaluateCommand implements Callable<Integer> {

  @Option(
      names = "--seeds",
      split = ",",
      paramLabel = "N",
      description =
          "Generator seeds, one fleet day each (default: ${DEFAULT-VALUE}, the development"
              + " seeds).")
  List<Long> seeds = List.of(3L, 7L, 42L);

  @Option(
      names = "--duration",
      description = "Simulated time per seed (default ${DEFAULT-VALUE}, a fleet day's busy half).")
  String duration = "12h";

  @Option(
      names = "--start",
      description =
          "ISO-8601 start of each simulated day (default ${DEFAULT-VALUE}: traffic follows the hour"
              + " of day, so a fixed start gives the same figures on every machine).")
  Instant start = Instant.parse("2026-11-21T06:00:00Z");

  @Override
  public Integer call() throws Exception {
    Duration simulated = Durations.parse(duration);
    Path dir = Files.createTempDirectory("logpulse-evaluate");
    try {
      Evaluation total = Evaluation.EMPTY;
      for (long seed : seeds) {
        long began = System.nanoTime();
        Evaluation e = FleetEvaluation.run(seed, simulated, start, dir.resolve("seed-" + seed));
        System.out.printf(
            "seed %d (%s from %s): %d planted, %d found, top suspect right for %d; %d false"
                + " incidents (%.2f per service-day); %d s%n",
            seed,
            duration,
            start,
            e.planted(),
            e.found(),
            e.topSuspectRight(),
            e.falseIncidents(),
            e.falsePerServiceDay(),
            Duration.ofNanos(System.nanoTime() - began).toSeconds());
        total = total.plus(e);
      }
      System.out.println();
      System.out.println("Incidents on seeds " + seeds + ", " + duration + " each:");
      FleetEvaluation.print(total, System.out);
      return 0;
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
