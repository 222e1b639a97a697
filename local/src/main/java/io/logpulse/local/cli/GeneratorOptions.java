package io.logpulse.local.cli;

import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.WorkloadGenerator;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The generator options of the commands that write generated records somewhere. */
final class GeneratorOptions {

  @Option(
      names = "--duration",
      description = "Simulated time to generate, e.g. 30m (default ${DEFAULT-VALUE}).")
  String duration = "30m";

  @Option(
      names = "--start",
      description = "ISO-8601 start of the simulated time (default: ending now).")
  Instant start;

  @Option(names = "--seed", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed = 42;

  /** The generator these options describe. */
  WorkloadGenerator generator() {
    GeneratorSettings settings =
        start == null
            ? GeneratorSettings.endingNow(Durations.parse(duration), Clock.systemUTC())
            : GeneratorSettings.defaults().withDuration(Durations.parse(duration)).withStart(start);
    return new WorkloadGenerator(settings.withSeed(seed));
  }
}
