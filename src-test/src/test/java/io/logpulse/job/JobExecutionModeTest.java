package io.logpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.config.ConfigException;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.schema.SourceRecord;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.TestJobs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README says of execution modes holds for the job graph itself: a replay and a bounded
 * Kinesis read run as Flink batch jobs, with every sink (Parquet, CloudWatch, EventBridge) in the
 * graph; a live Kinesis read and the generator run as streams; {@code execution.mode} forces
 * either, and refuses batch over a source that never ends.
 */
class JobExecutionModeTest {

  @TempDir Path dir;

  private JobType jobTypeOf(JobSource source, String... settings) {
    Map<String, String> values = new HashMap<>();
    values.put("source.kinesis.streams", "central-logs");
    values.put("cloudwatch.enabled", "true");
    values.put("eventbridge.enabled", "true");
    for (String setting : settings) {
      String[] kv = setting.split("=", 2);
      values.put(kv[0], kv[1]);
    }
    LogpulseConfig config = TestJobs.config(values);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    LogpulseJob.define(
        env,
        JobSettings.from(config),
        source,
        JobSinks.fromConfig(config, dir.toUri().toString(), "part"));
    return env.getStreamGraph().getJobType();
  }

  private JobSource kinesis(boolean bounded) {
    LogpulseConfig config =
        TestJobs.config(
            Map.of(
                "source.kinesis.streams",
                "central-logs",
                "source.kinesis.bounded",
                Boolean.toString(bounded)));
    return JobSources.kinesis(config, JobSettings.from(config).decoder());
  }

  private static JobSource generatorLike() {
    return new JobSource.Raw(
        new DataGeneratorSource<>(
            index -> Envelopes.record(new byte[] {1}, index),
            10,
            new AvroTypeInfo<>(SourceRecord.class)),
        "simulated live records");
  }

  @Test
  void aReplayIsABatchJob() {
    assertThat(jobTypeOf(JobSources.replay(dir.toUri().toString()))).isEqualTo(JobType.BATCH);
  }

  @Test
  void aBoundedKinesisReadIsABatchJobAndALiveOneAStream() {
    assertThat(jobTypeOf(kinesis(true))).isEqualTo(JobType.BATCH);
    assertThat(jobTypeOf(kinesis(false))).isEqualTo(JobType.STREAMING);
  }

  @Test
  void theGeneratorSimulatesALiveStream() {
    assertThat(jobTypeOf(generatorLike())).isEqualTo(JobType.STREAMING);
  }

  @Test
  void executionModeForcesAStreamingReplay() {
    assertThat(jobTypeOf(JobSources.replay(dir.toUri().toString()), "execution.mode=streaming"))
        .isEqualTo(JobType.STREAMING);
  }

  @Test
  void batchOverALiveSourceIsRefusedNamingTheKey() {
    for (JobSource live : List.of(kinesis(false), generatorLike())) {
      assertThatThrownBy(() -> jobTypeOf(live, "execution.mode=batch"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("execution.mode=batch needs a finished input");
    }
  }
}
