package io.logpulse.local;

import io.logpulse.config.ConfigKey;
import io.logpulse.config.ValueParser;
import io.logpulse.job.KeyRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration keys only the local runner reads: the embedded generator, and what Managed Service
 * for Apache Flink sets by itself when deployed (parallelism, checkpointing, the S3 filesystem).
 */
public final class LocalOptions {

  public static final ConfigKey<Integer> PARALLELISM =
      ConfigKey.of(
          "local.parallelism",
          "Parallelism of the local MiniCluster (MSF sets its own).",
          "2",
          ValueParser.intBetween(1, 256));

  public static final ConfigKey<Duration> CHECKPOINT_INTERVAL =
      ConfigKey.of(
          "local.checkpoint-interval",
          "Checkpoint interval of local runs; Parquet files are committed at each checkpoint (MSF"
              + " sets its own).",
          "10s",
          ValueParser.duration());

  public static final ConfigKey<String> CHECKPOINT_DIR =
      ConfigKey.of(
          "local.checkpoint-dir",
          "Where local live runs keep their checkpoints and savepoints (any Flink filesystem, s3://"
              + " included), kept when a run stops, fails or dies, for local.resume; unset:"
              + " <output.path>/_checkpoints.",
          null,
          ValueParser.text());

  public static final ConfigKey<Integer> CHECKPOINTS_RETAINED =
      ConfigKey.of(
          "local.checkpoints-retained",
          "Completed checkpoints kept in local.checkpoint-dir, across runs (savepoints are kept"
              + " until deleted).",
          "3",
          ValueParser.intBetween(1, 100));

  /** Where a local run keeps its working state. */
  public enum StateBackend {
    /** On the JVM heap: fastest, bounded by -Xmx. */
    HASHMAP,
    /** In RocksDB on local disk: state larger than memory. */
    ROCKSDB
  }

  public static final ConfigKey<StateBackend> STATE_BACKEND =
      ConfigKey.of(
          "local.state-backend",
          "State backend of local runs: hashmap (JVM heap) or rocksdb (local disk, for state"
              + " larger than memory); MSF chooses its own.",
          "hashmap",
          ValueParser.oneOf(StateBackend.class));

  public static final ConfigKey<ResumePoint> RESUME =
      ConfigKey.of(
          "local.resume",
          "Where a local run starts: none (fresh, from source.kinesis.start-position), latest (the"
              + " newest completed checkpoint or savepoint in local.checkpoint-dir, fresh when there"
              + " is none) or the path of one; a resumed bounded run runs as a stream.",
          "none",
          ResumePoint.parser());

  public static final ConfigKey<Boolean> RESUME_ALLOW_NON_RESTORED_STATE =
      ConfigKey.of(
          "local.resume-allow-non-restored-state",
          "Resume even when the checkpoint holds state of an operator the job no longer has (that"
              + " state is dropped); false fails before anything is read, naming the operator.",
          "false",
          ValueParser.bool());

  /** What a local live run does when an operator fails. */
  public enum RestartStrategy {
    /** Restart from the last checkpoint after 1 s, 2 s, 4 s... up to 30 s. */
    EXPONENTIAL_DELAY,
    /** End the run at the first failure. */
    NONE
  }

  public static final ConfigKey<RestartStrategy> RESTART_STRATEGY =
      ConfigKey.of(
          "local.restart-strategy",
          "What a local live run does when an operator fails: exponential-delay restarts from the"
              + " last checkpoint after 1 s, doubling up to 30 s, at most local.restart-attempts"
              + " times; none ends the run (bounded batch runs never restart).",
          "exponential-delay",
          ValueParser.oneOf(RestartStrategy.class));

  public static final ConfigKey<Integer> RESTART_ATTEMPTS =
      ConfigKey.of(
          "local.restart-attempts",
          "Restarts after which a failing local run ends, so a run that cannot heal does not spin;"
              + " the count starts again after an hour without failure.",
          "3",
          ValueParser.intBetween(1, 1000));

  public static final ConfigKey<String> FLINK =
      ConfigKey.family(
          "flink.",
          "Local runs: any Flink configuration key, passed to the MiniCluster and the job, applied"
              + " last (wins over the local.* keys). MSF rejects these and sets its own.",
          "a key declared by Flink's options classes (org.apache.flink.configuration.*Options,"
              + " RocksDB's) and a value it parses",
          FlinkOptionKeys::check);

  public static final ConfigKey<Integer> WEB_UI_PORT =
      ConfigKey.of(
          "local.web-ui-port",
          "Port of the Flink web UI during local runs; 0 picks a free port.",
          "8081",
          ValueParser.intBetween(0, 65535));

  public static final ConfigKey<String> S3_ENDPOINT =
      ConfigKey.of(
          "output.s3.endpoint",
          "Local runs: endpoint of the S3 service behind s3:// paths, e.g. http://127.0.0.1:9090"
              + " for S3Mock; unset: AWS S3.",
          null,
          ValueParser.text());

  public static final ConfigKey<Boolean> S3_PATH_STYLE_ACCESS =
      ConfigKey.of(
          "output.s3.path-style-access",
          "Local runs: address buckets as endpoint/bucket rather than bucket.endpoint (local S3"
              + " servers need true).",
          "false",
          ValueParser.bool());

  public static final ConfigKey<String> S3_ACCESS_KEY =
      ConfigKey.of(
          "output.s3.access-key",
          "Local runs: S3 access key; unset: the default AWS credential chain.",
          null,
          ValueParser.text());

  public static final ConfigKey<String> S3_SECRET_KEY =
      ConfigKey.of(
          "output.s3.secret-key",
          "Local runs: S3 secret key, with output.s3.access-key.",
          null,
          ValueParser.text());

  public static final ConfigKey<Long> GENERATOR_SEED =
      ConfigKey.of(
          "generator.seed",
          "Seed of the synthetic workload; equal seeds give byte-identical records.",
          "42",
          ValueParser.longBetween(Long.MIN_VALUE, Long.MAX_VALUE));

  public static final ConfigKey<Duration> GENERATOR_DURATION =
      ConfigKey.of(
          "generator.duration",
          "Simulated time the generator covers, ending in the recent past.",
          "3h",
          ValueParser.duration());

  public static final ConfigKey<Instant> GENERATOR_START =
      ConfigKey.of(
          "generator.start",
          "First simulated instant; unset, the simulation ends in the recent past, so the hour of"
              + " day it covers (and with it the daily traffic curve) depends on when it runs.",
          null,
          ValueParser.instant());

  public static final ConfigKey<Duration> GENERATOR_TICK =
      ConfigKey.of(
          "generator.tick",
          "Simulated time each generated record covers, per log stream.",
          "5s",
          ValueParser.duration());

  public static final ConfigKey<Double> GENERATOR_SPEEDUP =
      ConfigKey.of(
          "generator.speedup",
          "How much faster than real time the simulation runs; 0 runs as fast as the job can.",
          "180",
          ValueParser.doubleBetween(0, 1e9));

  public static final ConfigKey<Double> GENERATOR_TRAFFIC_SCALE =
      ConfigKey.of(
          "generator.traffic-scale",
          "Multiplier of every log stream's event rate.",
          "1",
          ValueParser.doubleBetween(0.001, 1000));

  public static final ConfigKey<Double> GENERATOR_LATE_FRACTION =
      ConfigKey.of(
          "generator.late-fraction",
          "Share of records delivered 1-4 minutes late (they correct their windows).",
          "0.003",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Double> GENERATOR_TOO_LATE_FRACTION =
      ConfigKey.of(
          "generator.too-late-fraction",
          "Share of records delivered 2 hours late (dead-lettered as TOO_LATE).",
          "0.0005",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Double> GENERATOR_CORRUPT_FRACTION =
      ConfigKey.of(
          "generator.corrupt-fraction",
          "Share of records that are damaged (truncated gzip, not gzip, invalid JSON).",
          "0.0002",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Double> GENERATOR_CONTROL_FRACTION =
      ConfigKey.of(
          "generator.control-fraction",
          "Share of records that are CloudWatch Logs CONTROL_MESSAGE health checks.",
          "0.001",
          ValueParser.doubleBetween(0, 1));

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          PARALLELISM,
          CHECKPOINT_INTERVAL,
          CHECKPOINT_DIR,
          CHECKPOINTS_RETAINED,
          STATE_BACKEND,
          RESUME,
          RESUME_ALLOW_NON_RESTORED_STATE,
          RESTART_STRATEGY,
          RESTART_ATTEMPTS,
          FLINK,
          WEB_UI_PORT,
          S3_ENDPOINT,
          S3_PATH_STYLE_ACCESS,
          S3_ACCESS_KEY,
          S3_SECRET_KEY,
          GENERATOR_SEED,
          GENERATOR_DURATION,
          GENERATOR_START,
          GENERATOR_TICK,
          GENERATOR_SPEEDUP,
          GENERATOR_TRAFFIC_SCALE,
          GENERATOR_LATE_FRACTION,
          GENERATOR_TOO_LATE_FRACTION,
          GENERATOR_CORRUPT_FRACTION,
          GENERATOR_CONTROL_FRACTION);

  private LocalOptions() {}

  /** Every key a local run accepts: the job's and these. */
  public static List<ConfigKey<?>> allKeys() {
    List<ConfigKey<?>> keys = new ArrayList<>(KeyRegistry.deployed());
    keys.addAll(ALL);
    return List.copyOf(keys);
  }
}
