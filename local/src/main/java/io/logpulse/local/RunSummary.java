package io.logpulse.local;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.logpulse.detect.MetricKind;
import io.logpulse.local.generator.GroundTruth;
import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.NoiseEvent;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.parquet.ParquetTables;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.Path;

/**
 * What a run wrote, read back from its committed Parquet files: per service, requests, error rate
 * and p99 latency over the whole run, taking each window's highest revision; and the anomalies it
 * found, next to the incidents the generator planted. Reading the files rather than tapping the
 * stream means the summary shows what a user of the tables would see.
 *
 * @param services one line per account and service, sorted
 * @param anomalies one line per anomaly, by start
 * @param incidents the incidents table at each incident's latest revision
 * @param truth what the generator planted (incidents, noise, service-days); {@link
 *     GroundTruth#NONE} for other sources
 * @param metricFiles committed metrics files read
 * @param counters the job's own counters at the end of the run
 * @param outputPath where the tables are
 */
public record RunSummary(
    List<ServiceLine> services,
    List<AnomalyLine> anomalies,
    IncidentReport incidents,
    GroundTruth truth,
    int metricFiles,
    Map<String, Long> counters,
    String outputPath) {

  /** Anomalies listed one by one; the rest are counted. */
  static final int MAX_ANOMALY_LINES = 20;

  static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * One anomaly, from its lifecycle steps in the anomalies table.
   *
   * @param operation null for a whole-service series
   * @param metric the series' metric, or {@code error-pattern} for a new error template
   * @param end the time of its last step
   * @param closed whether a CLOSE step was written
   * @param template the new error template, or null
   */
  public record AnomalyLine(
      String account,
      String service,
      String operation,
      String metric,
      Instant start,
      Instant end,
      boolean closed,
      String template) {

    /**
     * The planted incident this anomaly found, or null: one it {@linkplain Incident#isAbout is
     * about}, and for a latency incident a p99 latency anomaly (any anomaly finds failing
     * requests).
     */
    Incident plantedBurst(List<Incident> bursts) {
      for (Incident burst : bursts) {
        if (burst.isAbout(account, service, start)
            && (burst.problem() == Incident.Problem.ERRORS
                || metric.equals(MetricKind.LATENCY_P99.configName()))) {
          return burst;
        }
      }
      return null;
    }
  }

  /**
   * One service over the whole run.
   *
   * @param p99LatencyMs p99 of every request's latency, from the merged window sketches; null when
   *     the service reported no latency
   */
  public record ServiceLine(
      String account,
      String service,
      long windows,
      long requests,
      long errors,
      long logEvents,
      long errorLogs,
      Double p99LatencyMs) {

    /** Failed requests per request, or null without requests. */
    public Double errorRate() {
      return requests == 0 ? null : (double) errors / requests;
    }
  }

  /** The incidents the generator planted, in start order; empty for other sources. */
  public List<Incident> planted() {
    return truth.incidents();
  }

  /** The noise events the generator planted, in start order; empty for other sources. */
  public List<NoiseEvent> noise() {
    return truth.noise();
  }

  /** How the run's incidents did against what the generator planted. */
  public IncidentReport.Evaluation evaluation() {
    return incidents.evaluate(truth);
  }

  /** Reads the service-level series of the metrics table written with {@code filePrefix}. */
  public static RunSummary read(
      String outputPath, String filePrefix, Map<String, Long> counters, GroundTruth truth)
      throws IOException {
    Map<String, GenericRecord> latest = new HashMap<>();
    List<Path> files =
        ParquetFiles.committed(
            new Path(ParquetTables.tablePath(outputPath, ParquetTables.METRICS)), filePrefix);
    for (Path file : files) {
      ParquetFiles.read(
          file,
          record -> {
            if (record.get("operation") != null) {
              return;
            }
            String key =
                record.get("account")
                    + "/"
                    + record.get("service")
                    + "/"
                    + record.get("window_start");
            latest.merge(
                key, record, (a, b) -> (int) a.get("revision") >= (int) b.get("revision") ? a : b);
          });
    }
    Map<String, Accumulator> byService = new TreeMap<>();
    for (GenericRecord window : latest.values()) {
      byService
          .computeIfAbsent(
              window.get("account") + "\t" + window.get("service"), k -> new Accumulator())
          .add(window);
    }
    List<ServiceLine> lines = new ArrayList<>();
    byService.forEach(
        (key, acc) -> {
          String[] parts = key.split("\t", 2);
          lines.add(acc.line(parts[0], parts[1]));
        });
    return new RunSummary(
        List.copyOf(lines),
        readAnomalies(outputPath, filePrefix),
        IncidentReport.read(outputPath, filePrefix),
        truth,
        files.size(),
        Map.copyOf(counters),
        outputPath);
  }

  /** Folds the anomalies table's lifecycle steps into one line per anomaly. */
  private static List<AnomalyLine> readAnomalies(String outputPath, String filePrefix)
      throws IOException {
    Map<String, AnomalyLine> byId = new HashMap<>();
    for (Path file :
        ParquetFiles.committed(
            new Path(ParquetTables.tablePath(outputPath, ParquetTables.ANOMALIES)), filePrefix)) {
      ParquetFiles.read(
          file,
          step -> {
            AnomalyLine line =
                new AnomalyLine(
                    step.get("account").toString(),
                    step.get("service").toString(),
                    text(step.get("operation")),
                    step.get("metric").toString(),
                    Instant.ofEpochMilli((Long) step.get("start")),
                    Instant.ofEpochMilli((Long) step.get("time")),
                    "CLOSE".equals(step.get("state").toString()),
                    text(step.get("template")));
            byId.merge(step.get("anomaly_id").toString(), line, RunSummary::laterStep);
          });
    }
    List<AnomalyLine> lines = new ArrayList<>(byId.values());
    lines.sort(
        Comparator.comparing(AnomalyLine::start)
            .thenComparing(AnomalyLine::service)
            .thenComparing(AnomalyLine::metric));
    return List.copyOf(lines);
  }

  private static AnomalyLine laterStep(AnomalyLine a, AnomalyLine b) {
    AnomalyLine later = b.end().isAfter(a.end()) ? b : a;
    return new AnomalyLine(
        a.account(),
        a.service(),
        a.operation(),
        a.metric(),
        a.start(),
        later.end(),
        a.closed() || b.closed(),
        a.template() != null ? a.template() : b.template());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** Prints the summary table, the dead letters by reason and where the output is. */
  public void print(PrintStream out) {
    out.println();
    out.printf(
        "%-14s %-22s %8s %12s %8s %10s %12s %10s%n",
        "account",
        "service",
        "windows",
        "requests",
        "errors",
        "p99 ms",
        "log events",
        "error logs");
    for (ServiceLine line : services) {
      out.printf(
          "%-14s %-22s %8d %12d %8s %10s %12d %10d%n",
          line.account(),
          line.service(),
          line.windows(),
          line.requests(),
          line.errorRate() == null ? "-" : String.format("%.2f%%", line.errorRate() * 100),
          line.p99LatencyMs() == null ? "-" : String.format("%.1f", line.p99LatencyMs()),
          line.logEvents(),
          line.errorLogs());
    }
    out.println();
    out.printf(
        "records %,d, log events %,d, control messages %,d, metric windows %,d (corrections"
            + " %,d)%n",
        counter("recordsDecoded"),
        counter("logEvents"),
        counter("controlMessages"),
        counter("metricWindows"),
        counter("metricCorrections"));
    Map<String, Long> deadLetters = new TreeMap<>();
    counters.forEach(
        (name, value) -> {
          if (name.startsWith("deadLetters.")) {
            deadLetters.put(name.substring("deadLetters.".length()), value);
          }
        });
    out.println(
        deadLetters.isEmpty() ? "dead letters: none" : "dead letters by reason: " + deadLetters);
    List<Incident> bursts = truth.incidents();
    printAnomalies(out, bursts);
    PlantedLines.print(out, anomalies, truth);
    incidents.print(out, truth);
    out.println();
    out.println(
        "Parquet tables: " + outputPath + " (" + metricFiles + " metrics files from this run)");
    String metrics = ParquetTables.tablePath(outputPath, ParquetTables.METRICS);
    if (!metrics.startsWith("file:")) {
      out.println(
          "Copy them to query them locally: aws s3 sync "
              + outputPath
              + " ./lake (with"
              + " --endpoint-url for a local S3 server), then read ./lake/metrics as below");
      metrics = "lake/" + ParquetTables.METRICS;
    }
    out.println(
        "Query them: duckdb -c \"SELECT service, sum(request_count) FROM read_parquet('"
            + localPath(metrics)
            + "/**/*.parquet', hive_partitioning=1) WHERE operation IS NULL GROUP BY 1\"");
  }

  /**
   * The anomalies line and one line per anomaly (times in UTC), each with the planted burst it
   * found, if any: first those that found one, then new error patterns, then the rest; in each
   * group whole-service series before operations, then by start.
   */
  void printAnomalies(PrintStream out, List<Incident> bursts) {
    long closed = anomalies.stream().filter(AnomalyLine::closed).count();
    out.println(
        anomalies.isEmpty()
            ? "anomalies: none opened"
            : "anomalies: " + anomalies.size() + " opened, " + closed + " closed");
    List<AnomalyLine> listed =
        anomalies.stream()
            .sorted(
                Comparator.comparingInt(
                        (AnomalyLine a) ->
                            a.plantedBurst(bursts) != null ? 0 : a.template() != null ? 1 : 2)
                    .thenComparing(a -> a.operation() != null))
            .limit(MAX_ANOMALY_LINES)
            .toList();
    for (AnomalyLine anomaly : listed) {
      Incident burst = anomaly.plantedBurst(bursts);
      out.printf(
          "  %s %s%s %s %s..%s%s%s%s%n",
          anomaly.account(),
          anomaly.service(),
          anomaly.operation() == null ? "" : " " + anomaly.operation(),
          anomaly.metric(),
          MINUTES.format(anomaly.start()),
          MINUTES.format(anomaly.end()),
          anomaly.closed() ? "" : " (open)",
          burst == null
              ? " (no planted burst)"
              : String.format(
                  " (planted burst %s for %d min)",
                  SECONDS.format(burst.start()),
                  Duration.between(burst.start(), burst.end()).toMinutes()),
          anomaly.template() == null ? "" : ": " + anomaly.template());
    }
    if (anomalies.size() > MAX_ANOMALY_LINES) {
      out.println("  ... and " + (anomalies.size() - MAX_ANOMALY_LINES) + " more");
    }
  }

  private static String localPath(String path) {
    return path.startsWith("file:") ? java.nio.file.Path.of(URI.create(path)).toString() : path;
  }

  private long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  private static final class Accumulator {
    long windows;
    long requests;
    long errors;
    long logs;
    long errorLogs;
    DDSketch latency;

    void add(GenericRecord window) {
      windows++;
      requests += (long) window.get("request_count");
      errors += (long) window.get("error_count");
      logs += (long) window.get("log_count");
      errorLogs += (long) window.get("error_log_count");
      Object sketch = window.get("latency_sketch");
      if (sketch instanceof ByteBuffer bytes) {
        DDSketch decoded = LatencySketches.decode(bytes);
        if (latency == null) {
          latency = decoded;
        } else {
          latency.mergeWith(decoded);
        }
      }
    }

    ServiceLine line(String account, String service) {
      Double p99 = latency == null || latency.isEmpty() ? null : latency.getValueAtQuantile(0.99);
      return new ServiceLine(account, service, windows, requests, errors, logs, errorLogs, p99);
    }
  }
}
