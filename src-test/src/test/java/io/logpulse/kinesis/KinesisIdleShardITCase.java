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
import io.logpulse.testing.KinesisLocal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Watermarks are per shard and an idle shard stops holding them back: with every record in one
 * shard of two and the read unbounded (no end-of-input watermark to flush windows), windows still
 * close and their metrics are committed.
 */
@Timeout(180)
class KinesisIdleShardITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();

  @TempDir Path dir;

  @Test
  void anIdleShardDoesNotStallTheWindows() throws Exception {
    String stream = "idle-shard";
    KinesisClient client = KINESIS.client();
    new StreamFiller(client).ensureStream(stream, 2);
    var busy = client.listShards(r -> r.streamName(stream)).shards().get(0);
    String hashKey = busy.hashKeyRange().startingHashKey();
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.endingNow(Duration.ofMinutes(10), Clock.systemUTC())
                .withLateFraction(0)
                .withTooLateFraction(0)
                .withCorruptFraction(0)
                .withControlMessageFraction(0));
    new StreamFiller(client).fill(stream, generator, hashKey);

    Path out = dir.resolve("out");
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
                "watermark.idleness",
                "1s"),
            LocalOptions.allKeys());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(500);
    JobSettings settings = JobSettings.from(config);
    LogpulseJob.define(
        env,
        settings,
        JobSources.kinesis(config, settings.decoder()),
        JobSinks.fromConfig(config, out.toUri().toString(), ParquetTables.DEFAULT_FILE_PREFIX));
    JobClient job = env.executeAsync("idle-shard");
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!CommittedFiles.exist(out.resolve(ParquetTables.METRICS))) {
        assertThat(System.nanoTime()).as("a window closed and was committed").isLessThan(deadline);
        Thread.sleep(200);
      }
    } finally {
      job.cancel().get();
    }
  }
}
