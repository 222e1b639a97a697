package io.logpulse.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.config.LogpulseConfig;
import io.logpulse.job.JobSettings;
import io.logpulse.job.JobSinks;
import io.logpulse.job.JobSource;
import io.logpulse.job.LogpulseJob;
import io.logpulse.local.LocalOptions;
import io.logpulse.local.LocalRunner;
import io.logpulse.local.ParquetFiles;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.RecentWorkload;
import io.logpulse.testing.RecentWorkload.Expected;
import io.logpulse.testing.S3MockServer;
import io.logpulse.testing.TaskManagerLoss;
import io.logpulse.testing.TestJobs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet on {@code s3://} (S3Mock through {@code flink-s3-fs-hadoop}, configured by the local
 * runner's {@code output.s3.*} keys) is committed exactly once across a TaskManager failure: the
 * files a job committed after losing its TaskManager mid-run, read back from S3, hold no row twice
 * and the same newest revision of every series and window as an undisturbed run to a local folder,
 * and those equal the request counts written into the input.
 */
@Timeout(240)
class S3ParquetITCase {

  @RegisterExtension static final S3MockServer S3 = new S3MockServer("lake");

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @AfterAll
  static void forgetS3Settings() {
    FileSystem.initialize(new Configuration(), null);
  }

  @Test
  void parquetOnS3IsCommittedExactlyOnceAcrossATaskManagerFailure(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    LogpulseConfig config =
        TestJobs.config(
            Map.of(
                LocalOptions.S3_ENDPOINT.name(), S3.endpoint(),
                LocalOptions.S3_PATH_STYLE_ACCESS.name(), "true",
                LocalOptions.S3_ACCESS_KEY.name(), "test",
                LocalOptions.S3_SECRET_KEY.name(), "test"));
    FileSystem.initialize(LocalRunner.s3Configuration(config), null);
    RecentWorkload workload = new RecentWorkload(4);

    Path undisturbed = dir.resolve("undisturbed");
    run(config, workload, undisturbed.toUri().toString(), null);
    String s3 = "s3://" + S3.bucket() + "/restarted";
    run(config, workload, s3, cluster);
    Path restarted = download(s3, dir.resolve("downloaded"));

    assertThat(
            DuckDb.query(
                "SELECT account, service, operation, window_start, revision, count(*) AS n FROM "
                    + metrics(restarted)
                    + " GROUP BY ALL HAVING count(*) > 1"))
        .as("rows committed twice")
        .isEmpty();
    List<Map<String, Object>> newest = newestRevisions(restarted);
    assertThat(newest).isNotEmpty().isEqualTo(newestRevisions(undisturbed));
    assertThat(serviceRequestCounts(newest)).isEqualTo(expectedRequestCounts(workload));
  }

  /** Runs the job over the workload; kills the TaskManager once when a cluster is given. */
  private static void run(
      LogpulseConfig config, RecentWorkload workload, String out, MiniCluster killTaskManagerOf)
      throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(TaskManagerLoss.restarting());
    env.setParallelism(2);
    env.enableCheckpointing(300);
    LogpulseJob.define(
        env,
        JobSettings.from(config),
        new JobSource.Raw(workload.source(40, -1), "recent workload"),
        JobSinks.parquet(out, "part", 1L << 27, 900_000));
    JobClient job = env.executeAsync("s3-parquet-it");
    TaskManagerLoss.await(
        job,
        killTaskManagerOf,
        () ->
            !ParquetFiles.committed(
                    new org.apache.flink.core.fs.Path(out + "/" + ParquetTables.METRICS), "part")
                .isEmpty());
  }

  /** The Parquet files under a folder of any Flink filesystem (S3 shows only committed ones). */
  /** Copies the committed files under {@code base} to {@code target}, keeping their paths. */
  private static Path download(String base, Path target) throws Exception {
    org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(base);
    String prefix = root.toUri().getPath();
    List<org.apache.flink.core.fs.Path> files = ParquetFiles.committed(root, "part");
    assertThat(files).as("committed files on S3").isNotEmpty();
    for (org.apache.flink.core.fs.Path file : files) {
      Path local = target.resolve(file.toUri().getPath().substring(prefix.length() + 1));
      Files.createDirectories(local.getParent());
      try (InputStream in = file.getFileSystem().open(file)) {
        Files.copy(in, local);
      }
    }
    return target;
  }

  private static String metrics(Path out) {
    return "read_parquet('"
        + DuckDb.table(out, ParquetTables.METRICS)
        + "', hive_partitioning = 1)";
  }

  /** The newest revision of every series and window. */
  private static List<Map<String, Object>> newestRevisions(Path out) throws Exception {
    return DuckDb.query(
        "SELECT account, service, operation, epoch_ms(window_start) AS ws,"
            + " max_by(request_count, revision) AS requests,"
            + " max_by(error_count, revision) AS errors, max_by(log_count, revision) AS logs,"
            + " max_by(latency_count, revision) AS latencies FROM "
            + metrics(out)
            + " GROUP BY ALL ORDER BY ALL");
  }

  private static Map<String, Long> serviceRequestCounts(List<Map<String, Object>> newest) {
    Map<String, Long> counts = new HashMap<>();
    for (Map<String, Object> row : newest) {
      if (row.get("operation") == null) {
        counts.put(
            RecentWorkload.key(
                (String) row.get("account"), (String) row.get("service"), (Long) row.get("ws")),
            ((Number) row.get("requests")).longValue());
      }
    }
    return counts;
  }

  private static Map<String, Long> expectedRequestCounts(RecentWorkload workload) {
    Map<String, Long> counts = new HashMap<>();
    for (Map.Entry<String, Expected> window : workload.expected().entrySet()) {
      counts.put(window.getKey(), window.getValue().requests);
    }
    return counts;
  }
}
