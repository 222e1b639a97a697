package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GeneratorFunctionTest {

  @Test
  void mapsAnIndexToTheGeneratorsRecord() {
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.defaults().withStart(Instant.parse("2026-11-21T09:00:00Z")));
    GeneratorFunction function = new GeneratorFunction(generator);

    assertThat(function.map(5L)).isEqualTo(generator.record(5));
    assertThat(function.generator()).isSameAs(generator);
  }

  @Test
  @Timeout(120)
  void parallelDataGeneratorSourceEmitsExactlyTheSequentialRun() throws Exception {
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.defaults()
                .withStart(Instant.parse("2026-11-21T09:00:00Z"))
                .withDuration(Duration.ofMinutes(1)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataGeneratorSource<SourceRecord> source =
        new DataGeneratorSource<>(
            new GeneratorFunction(generator),
            generator.recordCount(),
            new AvroTypeInfo<>(SourceRecord.class));

    List<SourceRecord> emitted =
        new ArrayList<>(
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "generator")
                .executeAndCollect((int) generator.recordCount() + 1));
    emitted.sort(Comparator.comparing(r -> r.getSequenceNumber().toString()));

    assertThat(emitted).hasSize((int) generator.recordCount());
    for (int index = 0; index < emitted.size(); index++) {
      assertThat(emitted.get(index)).isEqualTo(generator.record(index));
    }
  }
}
