package io.logpulse.local;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.parquet.ParquetTables;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.Path;

/**
 * What a run wrote, read back from its committed Parquet files: per service, requests, error rate
 * and p99 latency over the whole run, taking each window's highest revision. Reading the files
 * rather than tapping the stream means the summary shows what a user of the tables would see.
 *
 * @param services one line per account and service, sorted
 * @param metricFiles committed metrics files read
 * @param counters the job's own counters at the end of the run
 * @param outputPath where the tables are
 */
public record RunSummary(
    List<ServiceLine> services, int metricFiles, Map<String, Long> counters, String outputPath) {

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

  /** Reads the service-level series of the metrics table written with {@code filePrefix}. */
  public static RunSummary read(String outputPath, String filePrefix, Map<String, Long> counters)
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
    return new RunSummary(List.copyOf(lines), files.size(), Map.copyOf(counters), outputPath);
  }

  /** Prints the summary table, the dead letters by reason and where the output is. */
  public void print(PrintStream out, WorkloadGenerator generator) {
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
    if (generator != null && !generator.plannedErrorBursts().isEmpty()) {
      out.println("error bursts the generator injected:");
      for (Incident burst : generator.plannedErrorBursts()) {
        out.printf(
            "  %s %s %s for %d min at %.0f%% errors%n",
            burst.account(),
            burst.service(),
            burst.start(),
            Duration.between(burst.start(), burst.end()).toMinutes(),
            burst.errorRate() * 100);
      }
    }
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
