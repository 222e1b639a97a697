package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.config.KinesisOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.job.JobSettings;
import io.logpulse.job.JobSinks;
import io.logpulse.job.JobSources;
import io.logpulse.job.KeyRegistry;
import io.logpulse.job.LogpulseJob;
import io.logpulse.parquet.ParquetTables;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Real CloudWatch Logs delivery: events put into a log group with a subscription filter reach
 * moto's Kinesis as gzip envelopes, and the job reading that stream counts exactly what was put.
 */
@Timeout(180)
class CloudWatchLogsToKinesisITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final long MINUTE = 60_000L;

  @TempDir Path dir;

  @Test
  void metricsCountWhatWasPutIntoTheSubscribedLogGroup() throws Exception {
    System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    String stream = "central-logs";
    try (KinesisClient kinesis =
            KinesisClient.builder()
                .endpointOverride(URI.create(MOTO.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        CloudWatchLogsClient logs =
            CloudWatchLogsClient.builder()
                .endpointOverride(URI.create(MOTO.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build()) {
      new KinesisStreams(kinesis).create(stream, 2);
      String streamArn =
          kinesis
              .describeStreamSummary(r -> r.streamName(stream))
              .streamDescriptionSummary()
              .streamARN();
      String group = "/ecs/checkout";
      logs.createLogGroup(r -> r.logGroupName(group));
      logs.createLogStream(r -> r.logGroupName(group).logStreamName("web/1"));
      logs.putSubscriptionFilter(
          r ->
              r.logGroupName(group)
                  .filterName("to-central")
                  .filterPattern("")
                  .destinationArn(streamArn)
                  .roleArn("arn:aws:iam::123456789012:role/cwl-to-kinesis"));

      long start = System.currentTimeMillis() - 20 * MINUTE;
      start -= start % MINUTE;
      Map<Long, long[]> expected = new HashMap<>();
      for (int batch = 0; batch < 10; batch++) {
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          long time = start + batch * MINUTE + i * 1000L;
          int status = (batch * 30 + i) % 7 == 0 ? 503 : 200;
          events.add(
              InputLogEvent.builder()
                  .timestamp(time)
                  .message(
                      "{\"level\":\"INFO\",\"method\":\"GET\",\"path\":\"/cart\",\"status\":"
                          + status
                          + ",\"latency_ms\":"
                          + (10 + i)
                          + "}")
                  .build());
          long[] counts = expected.computeIfAbsent(time - time % MINUTE, k -> new long[2]);
          counts[0]++;
          counts[1] += status >= 500 ? 1 : 0;
        }
        logs.putLogEvents(r -> r.logGroupName(group).logStreamName("web/1").logEvents(events));
      }

      Path out = dir.resolve("out");
      LogpulseConfig config =
          LogpulseConfig.of(
              Map.of(
                  "source.type",
                  "kinesis",
                  KinesisOptions.STREAMS.name(),
                  stream,
                  KinesisOptions.ENDPOINT.name(),
                  MOTO.endpoint(),
                  KinesisOptions.CBOR.name(),
                  "false",
                  KinesisOptions.START_POSITION.name(),
                  "trim-horizon",
                  KinesisOptions.BOUNDED.name(),
                  "true"),
              KeyRegistry.deployed());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      env.enableCheckpointing(Duration.ofSeconds(1).toMillis());
      JobSettings settings = JobSettings.from(config);
      LogpulseJob.define(
          env,
          settings,
          JobSources.kinesis(config, settings.decoder()),
          JobSinks.fromConfig(config, out.toUri().toString(), ParquetTables.DEFAULT_FILE_PREFIX));
      env.execute("cloudwatch-logs-to-kinesis");

      Map<Long, long[]> actual = new HashMap<>();
      for (Map<String, Object> row :
          DuckDb.query(
              "SELECT epoch_ms(window_start) AS ws, max_by(request_count, revision) AS requests,"
                  + " max_by(error_count, revision) AS errors, min(account) AS account FROM"
                  + " read_parquet('"
                  + DuckDb.table(out, "metrics")
                  + "', hive_partitioning = 1) WHERE operation IS NULL AND service = 'checkout'"
                  + " GROUP BY ws")) {
        assertThat(row.get("account")).isEqualTo("123456789012");
        actual.put(
            (Long) row.get("ws"),
            new long[] {(Long) row.get("requests"), (Long) row.get("errors")});
      }
      assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach((window, counts) -> assertThat(actual.get(window)).containsExactly(counts));
    }
  }
}
