package io.logpulse.local;

import io.logpulse.config.LogpulseConfig;
import io.logpulse.local.IncidentReport.CauseTally;
import io.logpulse.local.IncidentReport.Evaluation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The incident evaluation on generated fleet days: the whole job run locally (as {@code logpulse
 * run} does, quietly, as fast as the machine can) on the generator with a seed, a simulated start
 * and a duration, and its incidents compared with what the generator planted. {@code logpulse
 * evaluate} and the scenario test share it, so that both measure the same thing.
 */
public final class FleetEvaluation {

  private FleetEvaluation() {}

  /** Runs one fleet day, writing its tables under {@code output}, and evaluates its incidents. */
  public static Evaluation run(long seed, Duration duration, Instant start, Path output)
      throws Exception {
    LogpulseConfig config =
        LogpulseConfig.of(
            Map.of(
                "generator.seed",
                Long.toString(seed),
                "generator.duration",
                duration.toMinutes() + "m",
                "generator.start",
                start.toString(),
                "generator.speedup",
                "0",
                "output.path",
                output.toString(),
                "local.web-ui-port",
                "0",
                "local.checkpoint-interval",
                "5s"),
            LocalOptions.allKeys());
    return new LocalRunner(config, new PrintStream(OutputStream.nullOutputStream()), false)
        .run()
        .evaluation();
  }

  /**
   * Prints the evaluation as tables: per kind of cause and in total (recall, top-1 suspect
   * accuracy, detection delay), then the false incidents per service-day and per noise class.
   */
  public static void print(Evaluation e, PrintStream out) {
    out.println("| cause | planted | found | recall | top-1 right | top-1 |");
    out.println("|---|---|---|---|---|---|");
    e.byCause()
        .forEach(
            (cause, t) ->
                out.printf(
                    "| %s | %d | %d | %s | %d | %s |%n",
                    cause,
                    t.planted(),
                    t.found(),
                    share(t.found(), t.planted()),
                    t.right(),
                    share(t.right(), t.found())));
    CauseTally all = new CauseTally(e.planted(), e.found(), e.topSuspectRight());
    out.printf(
        "| total | %d | %d | %s | %d | %s |%n",
        all.planted(),
        all.found(),
        share(all.found(), all.planted()),
        all.right(),
        share(all.right(), all.found()));
    out.println();
    out.printf(
        "recall %.2f, top-1 suspect accuracy %.2f, false incidents %.2f per service-day (%d of %d"
            + " incidents in %.1f service-days), detection delay median %.1f min, max %.1f min%n",
        e.recall(),
        e.topSuspectAccuracy(),
        e.falsePerServiceDay(),
        e.falseIncidents(),
        e.incidents(),
        e.serviceDays(),
        e.medianDelayMinutes(),
        e.maxDelayMinutes());
    out.println();
    out.println("| noise class | false incidents | per service-day |");
    out.println("|---|---|---|");
    e.falseByNoise()
        .forEach(
            (kind, count) ->
                out.printf(
                    "| %s | %d | %.2f |%n",
                    kind, count, e.serviceDays() == 0 ? 0 : count / e.serviceDays()));
    if (e.falseByNoise().isEmpty()) {
      out.println("| (none) | 0 | 0.00 |");
    }
  }

  private static String share(int part, int whole) {
    return whole == 0 ? "-" : String.format("%.2f", (double) part / whole);
  }
}
