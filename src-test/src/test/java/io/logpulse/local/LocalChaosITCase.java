package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.config.CloudWatchOptions;
import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.local.kinesis.StreamFiller;
import io.logpulse.testing.CloudWatchReadBack;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.JobTables;
import io.logpulse.testing.KinesisLocal;
import io.logpulse.testing.LogpulseProcess;
import io.logpulse.testing.MotoServer;
import io.logpulse.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A local live run that dies, is stopped or is resumed wrongly, each {@code logpulse run} a JVM of
 * its own against kinesis-local and moto_server, compared with one undisturbed run over the same
 * stream (stopped with SIGTERM once caught up): after SIGKILLs before the first checkpoint, between
 * checkpoints and while one is in flight, each followed by {@code local.resume=latest}, and after a
 * Ctrl-C and a resume from the savepoint it printed, the committed tables (newest revisions) and
 * the CloudWatch datums are those of the undisturbed run. A resume whose state has no operator to
 * go to fails before reading, naming the uid.
 *
 * <p>The stream has one shard and no late records, so what a live run computes does not depend on
 * timing: a record's lateness depends on the periodic watermark (and a restored run's watermark
 * starts over), which would make the tables differ between runs for reasons that have nothing to do
 * with durability.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalChaosITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String STREAM = "chaos";
  private static final Pattern PROGRESS =
      Pattern.compile("records ([\\d,]+) \\| log events ([\\d,]+) .*\\| windows ([\\d,]+).*");

  @TempDir static Path dir;

  private static JobTables undisturbed;
  private static Instant filledFrom;

  @BeforeAll
  static void fillAndRunUndisturbed() throws Exception {
    GeneratorSettings settings =
        GeneratorSettings.endingNow(Duration.ofMinutes(15), Clock.systemUTC())
            .withSeed(11)
            .withLateFraction(0)
            .withTooLateFraction(0)
            .withCorruptFraction(0.005);
    filledFrom = settings.start();
    try (KinesisClient client = KINESIS.client()) {
      StreamFiller filler = new StreamFiller(client);
      filler.ensureStream(STREAM, 1);
      filler.fill(STREAM, new WorkloadGenerator(settings));
    }
    Path out = dir.resolve("undisturbed");
    long started = System.nanoTime();
    runUntilCaughtUpAndStop(start(out, "undisturbed", "none"), "TERM");
    System.out.printf(
        "undisturbed run: caught up and stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
    undisturbed = JobTables.read(out);
    assertThat(undisturbed.of("metrics")).hasSizeGreaterThan(50);
    assertThat(undisturbed.of("changes")).isNotEmpty();
    assertThat(undisturbed.of("dead_letters")).isNotEmpty();
  }

  @Test
  @Order(1)
  void hardKillsAndResumesCommitWhatOneUndisturbedRunCommits() throws Exception {
    Path out = dir.resolve("killed");
    Path checkpoints = out.resolve("_checkpoints");

    LogpulseProcess beforeFirstCheckpoint = start(out, "killed", "none");
    beforeFirstCheckpoint.awaitLine(
        line -> line.startsWith("Flink web UI:"), Duration.ofMinutes(1));
    assertThat(completed(checkpoints)).isEmpty();
    beforeFirstCheckpoint.kill();

    LogpulseProcess betweenCheckpoints = start(out, "killed", "latest");
    betweenCheckpoints.awaitLine(
        line -> line.contains("no completed checkpoint or savepoint"), Duration.ofMinutes(1));
    awaitNewCheckpoint(checkpoints, List.of(), betweenCheckpoints);
    List<Path> seen = awaitNewCheckpoint(checkpoints, completed(checkpoints), betweenCheckpoints);
    Thread.sleep(400); // the interval is 1 s: half way to the next one
    betweenCheckpoints.kill();
    assertThat(seen).isNotEmpty();

    LogpulseProcess duringCheckpoint = start(out, "killed", "latest");
    duringCheckpoint.awaitLine(
        line -> line.startsWith("logpulse: resuming from"), Duration.ofMinutes(1));
    awaitNewCheckpoint(checkpoints, completed(checkpoints), duringCheckpoint);
    awaitInFlightCheckpoint(checkpoints, duringCheckpoint);
    duringCheckpoint.kill();

    LogpulseProcess last = start(out, "killed", "latest");
    String resumed =
        last.awaitLine(line -> line.startsWith("logpulse: resuming from"), Duration.ofMinutes(1));
    runUntilCaughtUpAndStop(last, "TERM");

    assertSameTables(JobTables.read(out), resumed);
    assertSameCloudWatch(out, "killed");
    assertThat(
            Files.list(checkpoints).filter(p -> !p.getFileName().toString().equals("savepoints")))
        .as("checkpoint folders kept across four runs")
        .hasSizeLessThanOrEqualTo(3);
  }

  @Test
  @Order(2)
  void ctrlCStopsWithASavepointThatAResumeGoesOnFrom() throws Exception {
    Path out = dir.resolve("interrupted");
    LogpulseProcess first = start(out, "interrupted", "none");
    awaitNewCheckpoint(out.resolve("_checkpoints"), List.of(), first);
    first.signal("INT");
    assertThat(first.exit(Duration.ofMinutes(2))).isZero();
    List<String> printed = first.lines();
    String savepoint = valueAfter(printed, "logpulse: stopped with a savepoint at ");
    assertThat(Path.of(java.net.URI.create(savepoint.replaceFirst("^file:/+", "file:///"))))
        .isDirectoryContaining(p -> p.getFileName().toString().equals("_metadata"));
    String command = valueAfter(printed, "logpulse: resume with: ");
    assertThat(command)
        .startsWith("local/logpulse run ")
        .contains("--set local.resume=" + savepoint);
    assertThat(printed).anyMatch(line -> line.startsWith("Parquet tables: "));

    LogpulseProcess resumed = start(out, "interrupted", savepoint);
    assertThat(
            resumed.awaitLine(
                line -> line.startsWith("logpulse: resuming from"), Duration.ofMinutes(1)))
        .isEqualTo("logpulse: resuming from " + savepoint);
    runUntilCaughtUpAndStop(resumed, "INT");

    assertSameTables(JobTables.read(out), savepoint);
    assertSameCloudWatch(out, "interrupted");
  }

  @Test
  @Order(3)
  void aResumeWhoseStateHasNoOperatorFailsBeforeReadingAndNamesTheUid() throws Exception {
    Path out = dir.resolve("incompatible");
    LogpulseProcess first = start(out, "incompatible", "none");
    awaitNewCheckpoint(out.resolve("_checkpoints"), List.of(), first);
    first.signal("TERM");
    assertThat(first.exit(Duration.ofMinutes(2))).isZero();
    String savepoint = valueAfter(first.lines(), "logpulse: stopped with a savepoint at ");
    Path retired = withStateOfARetiredOperator(savepoint, out.resolve("retired"));
    long committedBefore = parquetFiles(out);

    LogpulseProcess resumed = start(out, "incompatible", retired.toString());
    assertThat(resumed.exit(Duration.ofMinutes(1))).isEqualTo(2);
    String printed = String.join("\n", resumed.lines());
    assertThat(printed)
        .contains("cannot resume from file:")
        .contains(retired.toString())
        .contains("operator uid 'retired-stage' (Retired stage)")
        .contains("--set local.resume=none")
        .contains("--set local.resume-allow-non-restored-state=true")
        .doesNotContain("Flink web UI");
    assertThat(parquetFiles(out)).isEqualTo(committedBefore);
  }

  /** A copy of a savepoint that also holds state of an operator no version of the job has. */
  private static Path withStateOfARetiredOperator(String savepoint, Path copy) throws IOException {
    var metadata = CheckpointStore.metadata(savepoint);
    var states = new ArrayList<>(metadata.getOperatorStates());
    var retired =
        new org.apache.flink.runtime.checkpoint.OperatorState(
            "Retired stage",
            "retired-stage",
            new org.apache.flink.runtime.jobgraph.OperatorID(
                org.apache.flink.streaming.api.graph.StreamGraphHasherV2.generateUserSpecifiedHash(
                    "retired-stage")),
            2,
            128);
    retired.setCoordinatorState(
        new org.apache.flink.runtime.state.memory.ByteStreamStateHandle("retired", new byte[] {1}));
    states.add(retired);
    Files.createDirectories(copy);
    try (var out = new java.io.DataOutputStream(Files.newOutputStream(copy.resolve("_metadata")))) {
      org.apache.flink.runtime.checkpoint.Checkpoints.storeCheckpointMetadata(
          new org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata(
              metadata.getCheckpointId(), states, metadata.getMasterStates()),
          out);
    }
    return copy;
  }

  private static LogpulseProcess start(Path out, String namespace, String resume)
      throws IOException {
    return LogpulseProcess.start(
        out.getParent().resolve(out.getFileName() + "-home"),
        List.of(
            "run",
            "--set",
            "source.type=kinesis",
            "--set",
            "source.kinesis.streams=" + STREAM,
            "--set",
            "source.kinesis.endpoint=" + KINESIS.endpoint(),
            "--set",
            "source.kinesis.start-position=trim-horizon",
            "--set",
            "output.path=" + out,
            "--set",
            "local.web-ui-port=0",
            "--set",
            "local.checkpoint-interval=1s",
            "--set",
            "local.resume=" + resume,
            "--set",
            "watermark.idleness=5s",
            "--set",
            "cloudwatch.enabled=true",
            "--set",
            "cloudwatch.endpoint=" + MOTO.endpoint(),
            "--set",
            "cloudwatch.namespace=" + namespace,
            "--set",
            "cloudwatch.dimensions=Service",
            "--set",
            "cloudwatch.max-datums-per-request=100"));
  }

  /**
   * Waits until the run has read everything and its tables stopped changing (the same counts in
   * three progress lines 5 s apart, after a checkpoint of its own), then stops it with a signal.
   */
  private static void runUntilCaughtUpAndStop(LogpulseProcess run, String signal) throws Exception {
    run.awaitLine(line -> line.startsWith("Flink web UI:"), Duration.ofMinutes(1));
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (true) {
      List<String> counts =
          run.lines().stream()
              .map(PROGRESS::matcher)
              .filter(Matcher::find)
              .map(m -> m.group(1) + "/" + m.group(2) + "/" + m.group(3))
              .toList();
      int n = counts.size();
      if (n >= 4
          && counts.get(n - 1).equals(counts.get(n - 2))
          && counts.get(n - 2).equals(counts.get(n - 3))) {
        break;
      }
      assertThat(run.isAlive()).as(String.join("\n", run.lines())).isTrue();
      assertThat(System.nanoTime()).as("caught up in time").isLessThan(deadline);
      Thread.sleep(500);
    }
    run.signal(signal);
    assertThat(run.exit(Duration.ofMinutes(2))).as(String.join("\n", run.lines())).isZero();
    assertThat(run.lines()).anyMatch(line -> line.startsWith("logpulse: stopped with a savepoint"));
  }

  private void assertSameTables(JobTables tables, String context) {
    StringBuilder differences = new StringBuilder();
    for (String table : List.of("metrics", "changes", "incidents", "dead_letters", "anomalies")) {
      List<String> expected = undisturbed.of(table);
      List<String> actual = tables.of(table);
      if (!actual.equals(expected)) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        differences.append(
            String.format(
                "%s: %d rows, undisturbed %d; missing %d, e.g. %s; extra %d, e.g. %s%n",
                table,
                actual.size(),
                expected.size(),
                missing.size(),
                missing.stream().limit(3).toList(),
                extra.size(),
                extra.stream().limit(3).toList()));
      }
    }
    assertThat(differences.toString()).as("tables after " + context).isEmpty();
  }

  /**
   * moto holds each datum once: per service the same sample counts, sums, extremes and datapoints
   * as the undisturbed run published, which no failure made publish anything twice.
   */
  private static void assertSameCloudWatch(Path out, String namespace) throws Exception {
    List<Map<String, Object>> services =
        DuckDb.query(
            "SELECT service, sum(request_count) AS requests FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY account, service, operation, window_start ORDER BY revision DESC)"
                + " AS newest FROM read_parquet('"
                + DuckDb.table(out, "metrics")
                + "', hive_partitioning = 1) WHERE operation IS NULL) WHERE newest = 1 GROUP BY 1");
    assertThat(services).isNotEmpty();
    Instant from = filledFrom.minus(Duration.ofHours(1));
    Instant to = Instant.now().plus(Duration.ofHours(1));
    double requests = 0;
    try (CloudWatchReadBack chaos = readBack(namespace);
        CloudWatchReadBack reference = readBack("undisturbed")) {
      for (Map<String, Object> row : services) {
        Map<String, String> dimensions = Map.of("Service", (String) row.get("service"));
        for (String metric : List.of("RequestCount", "LogCount")) {
          CloudWatchReadBack.Totals got = chaos.totals(metric, dimensions, from, to);
          assertThat(got)
              .as(metric + " of " + dimensions + " in " + namespace)
              .isEqualTo(reference.totals(metric, dimensions, from, to));
          requests += metric.equals("RequestCount") ? got.sum() : 0;
        }
      }
    }
    assertThat(requests).as("requests published to " + namespace).isPositive();
  }

  private static CloudWatchReadBack readBack(String namespace) {
    return new CloudWatchReadBack(
        CloudWatchOptions.settings(
            TestJobs.config(
                Map.of("cloudwatch.endpoint", MOTO.endpoint(), "cloudwatch.namespace", namespace)),
            dir.toUri().toString()));
  }

  /** The completed checkpoints ({@code chk-N/_metadata}) under the folder. */
  private static List<Path> completed(Path checkpoints) throws IOException {
    if (!Files.exists(checkpoints)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(checkpoints, 3)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
          .toList();
    }
  }

  private static List<Path> awaitNewCheckpoint(
      Path checkpoints, List<Path> before, LogpulseProcess run) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      List<Path> now = new ArrayList<>(completed(checkpoints));
      now.removeAll(before);
      if (!now.isEmpty()) {
        return now;
      }
      assertThat(run.isAlive()).as(String.join("\n", run.lines())).isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("no new checkpoint within a minute");
  }

  /** Waits for a checkpoint folder whose metadata is not written yet: one in flight. */
  private static void awaitInFlightCheckpoint(Path checkpoints, LogpulseProcess run)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> folders = Files.walk(checkpoints, 2)) {
        Optional<Path> inFlight =
            folders
                .filter(p -> p.getFileName().toString().startsWith("chk-"))
                .filter(p -> !Files.exists(p.resolve("_metadata")))
                .findAny();
        if (inFlight.isPresent()) {
          return;
        }
      } catch (java.io.UncheckedIOException raced) {
        // a folder went away while listed
      }
      assertThat(run.isAlive()).isTrue();
      Thread.sleep(5);
    }
    throw new AssertionError("no checkpoint in flight seen within a minute");
  }

  private static long parquetFiles(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }

  private static String valueAfter(List<String> lines, String prefix) {
    return lines.stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no line " + prefix + " in\n" + String.join("\n", lines)));
  }
}
