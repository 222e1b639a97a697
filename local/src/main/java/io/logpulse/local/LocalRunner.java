package io.logpulse.local;

import io.logpulse.config.CloudWatchOptions;
import io.logpulse.config.JobOptions;
import io.logpulse.config.KinesisOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.job.JobSettings;
import io.logpulse.job.JobSinks;
import io.logpulse.job.JobSource;
import io.logpulse.job.JobSources;
import io.logpulse.job.LogpulseJob;
import io.logpulse.local.generator.GeneratorFunction;
import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.GroundTruth;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.replay.RecordingFiles;
import io.logpulse.schema.SourceRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Runs the logpulse job in a local MiniCluster with the Flink web UI, on the embedded generator or
 * a replay, shows live progress from the job's own counters and prints a summary at the end. The
 * {@code output.s3.*} keys configure the S3 filesystem behind {@code s3://} output paths; they must
 * reach {@link FileSystem#initialize} because a MiniCluster's configuration alone does not.
 */
public final class LocalRunner {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final LogpulseConfig config;
  private final PrintStream console;
  private final boolean interactive;

  public LocalRunner(LogpulseConfig config, PrintStream console, boolean interactive) {
    this.config = config;
    this.console = console;
    this.interactive = interactive;
  }

  /**
   * Runs the job to its end, or until Ctrl-C or SIGTERM stops it with a savepoint, and returns the
   * summary of what it committed.
   */
  public RunSummary run() throws Exception {
    String outputPath = absoluteOutputPath(config.get(JobOptions.OUTPUT_PATH));
    CheckpointStore store = CheckpointStore.of(config);
    // flink-s3-fs-hadoop bundles the AWS SDK v1, which prints a deprecation notice with a stack
    // trace on first use; MSF brings its own S3 filesystem, so the notice says nothing to a user.
    System.setProperty(
        "aws.java.v1.disableDeprecationAnnouncement",
        System.getProperty("aws.java.v1.disableDeprecationAnnouncement", "true"));
    FileSystem.initialize(s3Configuration(config), null);
    Optional<String> restore = store.resolve(config.get(LocalOptions.RESUME));
    LogpulseConfig effective = restore.isPresent() ? Resume.asStream(config) : config;
    JobSettings settings = JobSettings.from(effective);
    SourcePlan plan = sourcePlan(settings);
    boolean streaming = settings.runtimeMode(plan.source()) == RuntimeExecutionMode.STREAMING;
    JobCounters.reset();
    String filePrefix = "part-" + RUN_ID.format(Instant.now());
    Configuration flinkConfig = LocalFlinkConfiguration.of(config, store, streaming);
    FileSystem.initialize(flinkConfig, null);
    if (streaming) {
      store.prune(config.get(LocalOptions.CHECKPOINTS_RETAINED), restore);
    }
    JobWatch.Stopped stopped;
    try (MiniCluster cluster = new MiniCluster(miniClusterConfiguration(flinkConfig))) {
      cluster.start();
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
      LogpulseJob.define(
          env, settings, plan.source(), JobSinks.fromConfig(config, outputPath, filePrefix));
      StreamGraph graph = env.getStreamGraph();
      Resume.apply(graph, restore, config, store, console);
      URI webUi = cluster.getRestAddress().get();
      console.println(
          "logpulse: "
              + plan.description()
              + (streaming ? "" : ", as a Flink batch job (exact whatever the record order)"));
      console.println("Flink web UI: " + webUi);
      console.println("Output: " + outputPath + " (this run's files: " + filePrefix + "-*)");
      if (config.get(CloudWatchOptions.ENABLED)) {
        console.println(
            "CloudWatch: namespace "
                + config.get(CloudWatchOptions.NAMESPACE)
                + " at "
                + config.find(CloudWatchOptions.ENDPOINT).orElse("the region's endpoint")
                + ", delivery "
                + config.get(CloudWatchOptions.DELIVERY).name().toLowerCase(Locale.ROOT));
      }
      try (GracefulStop stop = GracefulStop.install(console)) {
        JobID jobId = cluster.submitJob(graph).get().getJobID();
        stopped =
            new JobWatch(cluster, jobId, streaming, store.savepoints(), console)
                .await(new ProgressDisplay(console, interactive, plan.expectedRecords()), stop);
      }
    }
    RunSummary summary =
        RunSummary.read(
            outputPath,
            filePrefix,
            JobCounters.totals(),
            plan.generator() == null ? GroundTruth.NONE : plan.generator().groundTruth());
    summary.print(console);
    if (stopped != null) {
      stopped.print(console, config.explicitValues(), streaming);
    }
    return summary;
  }

  private SourcePlan sourcePlan(JobSettings settings) throws IOException {
    return switch (config.get(JobOptions.SOURCE_TYPE)) {
      case REPLAY -> {
        String path = JobSources.replayPath(config);
        String skipped =
            RecordingFiles.list(new org.apache.flink.core.fs.Path(path)).skippedReport();
        yield new SourcePlan(
            JobSources.replay(path),
            "replaying recorded Kinesis records from "
                + path
                + (skipped == null ? "" : " (" + skipped + ")"),
            OptionalLong.empty(),
            null);
      }
      case KINESIS -> {
        JobSource kinesis = JobSources.kinesis(config, settings.decoder());
        yield new SourcePlan(
            kinesis,
            "reading "
                + kinesis.name()
                + (config.get(KinesisOptions.BOUNDED) ? " up to its tip" : ""),
            OptionalLong.empty(),
            null);
      }
      case GENERATOR -> generatorPlan();
    };
  }

  private SourcePlan generatorPlan() {
    Duration duration = config.get(LocalOptions.GENERATOR_DURATION);
    GeneratorSettings start =
        config
            .find(LocalOptions.GENERATOR_START)
            .map(instant -> GeneratorSettings.defaults().withDuration(duration).withStart(instant))
            .orElseGet(() -> GeneratorSettings.endingNow(duration, Clock.systemUTC()));
    GeneratorSettings settings =
        start
            .withSeed(config.get(LocalOptions.GENERATOR_SEED))
            .withTick(config.get(LocalOptions.GENERATOR_TICK))
            .withTrafficScale(config.get(LocalOptions.GENERATOR_TRAFFIC_SCALE))
            .withLateFraction(config.get(LocalOptions.GENERATOR_LATE_FRACTION))
            .withTooLateFraction(config.get(LocalOptions.GENERATOR_TOO_LATE_FRACTION))
            .withCorruptFraction(config.get(LocalOptions.GENERATOR_CORRUPT_FRACTION))
            .withControlMessageFraction(config.get(LocalOptions.GENERATOR_CONTROL_FRACTION));
    WorkloadGenerator generator = new WorkloadGenerator(settings);
    long count = generator.recordCount();
    double speedup = config.get(LocalOptions.GENERATOR_SPEEDUP);
    RateLimiterStrategy<?> rate =
        speedup == 0
            ? RateLimiterStrategy.noOp()
            : RateLimiterStrategy.perSecond(count / (duration.toMillis() / 1000.0 / speedup));
    Source<SourceRecord, ?, ?> records =
        new DataGeneratorSource<>(
            new GeneratorFunction(generator), count, rate, new AvroTypeInfo<>(SourceRecord.class));
    String pace =
        speedup == 0
            ? "as fast as the job can"
            : String.format("%.0fx real time, about %s", speedup, human(duration, speedup));
    return new SourcePlan(
        new JobSource.Raw(records, "Generated CloudWatch Logs records"),
        String.format(
            "generating %s of CloudWatch Logs traffic from %s (%,d records, seed %d), %s",
            duration, settings.start(), count, settings.seed(), pace),
        OptionalLong.of(count),
        generator);
  }

  private static String human(Duration simulated, double speedup) {
    long seconds = Math.round(simulated.toMillis() / 1000.0 / speedup);
    return seconds < 120 ? seconds + " s" : (seconds / 60) + " min";
  }

  /**
   * The {@code s3.*} settings of {@code flink-s3-fs-hadoop} that the {@code output.s3.*} keys give;
   * pass them to {@link FileSystem#initialize} before a MiniCluster writes to {@code s3://}.
   */
  public static Configuration s3Configuration(LogpulseConfig config) {
    Configuration conf = new Configuration();
    config
        .find(LocalOptions.S3_ENDPOINT)
        .ifPresent(endpoint -> conf.setString("s3.endpoint", endpoint));
    conf.setString(
        "s3.path.style.access", config.get(LocalOptions.S3_PATH_STYLE_ACCESS).toString());
    config.find(LocalOptions.S3_ACCESS_KEY).ifPresent(key -> conf.setString("s3.access-key", key));
    config.find(LocalOptions.S3_SECRET_KEY).ifPresent(key -> conf.setString("s3.secret-key", key));
    return conf;
  }

  private MiniClusterConfiguration miniClusterConfiguration(Configuration conf) {
    return new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(config.get(LocalOptions.PARALLELISM))
        .build();
  }

  /** Relative output paths are taken from the working directory, as a user expects. */
  static String absoluteOutputPath(String path) {
    if (path.contains("://") || path.startsWith("file:")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toUri().toString();
  }

  private record SourcePlan(
      JobSource source,
      String description,
      OptionalLong expectedRecords,
      WorkloadGenerator generator) {}
}
