package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.config.KinesisOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.job.JobSettings;
import io.logpulse.job.JobSinks;
import io.logpulse.job.JobSources;
import io.logpulse.job.LogpulseJob;
import io.logpulse.local.LocalOptions;
import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.local.kinesis.StreamFiller;
import io.logpulse.parquet.ParquetTables;
import io.logpulse.testing.CommittedFiles;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.KinesisLocal;
import io.logpulse.testing.TaskManagerLoss;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Exactly once across a TaskManager failure: the job restarted from its last checkpoint after its
 * TaskManager was killed mid-read writes the same metrics as an undisturbed run of the same stream.
 */
@Timeout(300)
class KinesisRestartITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @Test
  void restartAfterTaskManagerFailureWritesTheSameMetricsAsAnUndisturbedRun(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    String stream = "restart-it";
    fill(stream);

    Path undisturbed = dir.resolve("undisturbed");
    run(stream, undisturbed, null);
    Path restarted = dir.resolve("restarted");
    run(stream, restarted, cluster);

    assertThat(metrics(restarted)).isNotEmpty().isEqualTo(metrics(undisturbed));
  }

  /** Twenty simulated minutes of generated traffic, each log stream on one partition key. */
  private static void fill(String stream) throws Exception {
    KinesisClient client = KINESIS.client();
    new StreamFiller(client).ensureStream(stream, 4);
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.endingNow(Duration.ofMinutes(20), Clock.systemUTC())
                .withLateFraction(0)
                .withTooLateFraction(0)
                .withCorruptFraction(0)
                .withControlMessageFraction(0));
    new StreamFiller(client).fill(stream, generator);
  }

  /** Runs the job over the whole stream; kills the TaskManager once when a cluster is given. */
  private static void run(String stream, Path out, MiniCluster killTaskManagerOf) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(TaskManagerLoss.restarting());
    env.setParallelism(2);
    env.enableCheckpointing(300);
    LogpulseConfig config =
        LogpulseConfig.of(
            Map.of(
                "source.type",
                "kinesis",
                KinesisOptions.STREAMS.name(),
                stream,
                KinesisOptions.ENDPOINT.name(),
                KINESIS.endpoint(),
                KinesisOptions.START_POSITION.name(),
                "trim-horizon",
                KinesisOptions.BOUNDED.name(),
                "true",
                KinesisOptions.MAX_RECORDS.name(),
                "20",
                "window.allowed-lateness",
                "15m"),
            LocalOptions.allKeys());
    JobSettings settings = JobSettings.from(config);
    LogpulseJob.define(
        env,
        settings,
        JobSources.kinesis(config, settings.decoder()),
        JobSinks.fromConfig(config, out.toUri().toString(), ParquetTables.DEFAULT_FILE_PREFIX));
    JobClient job = env.executeAsync("restart-it");
    TaskManagerLoss.await(
        job, killTaskManagerOf, () -> CommittedFiles.exist(out.resolve(ParquetTables.METRICS)));
  }

  /** The newest revision of every series and window. */
  private static List<Map<String, Object>> metrics(Path out) throws Exception {
    return DuckDb.query(
        "SELECT account, service, operation, epoch_ms(window_start) AS ws,"
            + " max_by(request_count, revision) AS requests,"
            + " max_by(error_count, revision) AS errors, max_by(log_count, revision) AS logs,"
            + " max_by(latency_count, revision) AS latencies"
            + " FROM read_parquet('"
            + DuckDb.table(out, "metrics")
            + "', hive_partitioning = 1) GROUP BY ALL ORDER BY ALL");
  }
}
