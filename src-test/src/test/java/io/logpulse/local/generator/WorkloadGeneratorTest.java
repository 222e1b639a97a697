package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.schema.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {

  private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
  private static final Set<String> ACCOUNTS =
      Set.of("111111111111", "222222222222", "123456789012");
  private static final long CLOUDTRAIL_LAG = Duration.ofMinutes(5).toMillis();

  private static GeneratorSettings settings() {
    return GeneratorSettings.defaults().withStart(START).withDuration(Duration.ofMinutes(30));
  }

  @Test
  void recordCountIsTicksTimesStreams() {
    WorkloadGenerator generator =
        new WorkloadGenerator(GeneratorSettings.defaults().withStart(START));

    assertThat(generator.streamCount()).isBetween(12, 20);
    assertThat(generator.recordCount()).isEqualTo(3 * 720L * generator.streamCount());
    assertThat(generator.simulatedTime(generator.recordCount() - 1))
        .isEqualTo(START.plus(Duration.ofHours(3)).minusSeconds(5));
    assertThatThrownBy(() -> generator.record(generator.recordCount()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void recordsArePureFunctionsOfSettingsAndIndex() {
    WorkloadGenerator first = new WorkloadGenerator(settings());
    WorkloadGenerator second = new WorkloadGenerator(settings());
    long[] indexes = {0, 1, 17, 999, first.recordCount() - 1};

    for (long index : indexes) {
      assertThat(first.record(index)).isEqualTo(second.record(index));
    }
    for (int i = indexes.length - 1; i >= 0; i--) {
      assertThat(GeneratedEnvelopes.bytes(second.record(indexes[i])))
          .isEqualTo(GeneratedEnvelopes.bytes(first.record(indexes[i])));
    }
    assertThat(first.plannedIncidents()).isEqualTo(second.plannedIncidents());
  }

  @Test
  void differentSeedsGiveDifferentRecords() {
    WorkloadGenerator a = new WorkloadGenerator(settings());
    WorkloadGenerator b = new WorkloadGenerator(settings().withSeed(43));

    long differing =
        LongStream.range(0, 50)
            .filter(i -> !a.record(i).getData().equals(b.record(i).getData()))
            .count();
    assertThat(differing).isEqualTo(50);
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsItToSubtasks() throws Exception {
    WorkloadGenerator generator = new WorkloadGenerator(settings());
    generator.record(3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new GeneratorFunction(generator));
    }
    GeneratorFunction copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (GeneratorFunction) in.readObject();
    }

    assertThat(copy.map(3L)).isEqualTo(generator.record(3));
    assertThat(copy.generator().plannedIncidents()).isEqualTo(generator.plannedIncidents());
  }

  @Test
  void theRegressionTraceIsLoggedDuringPlantedBurstsOnly() throws IOException {
    // Seed 2's two hours hold a deploy of inventory, a JVM service that logs stack traces.
    GeneratorSettings settings = settings().withDuration(Duration.ofHours(2)).withSeed(2);
    WorkloadGenerator generator = new WorkloadGenerator(settings);
    int regressions = 0;
    for (long index = 0; index < generator.recordCount(); index++) {
      RecordPlan plan = generator.plan(index);
      if (plan.kind().corrupt() || plan.kind() == RecordPlan.Kind.CONTROL) {
        continue;
      }
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(index));
      String account = envelope.get("owner").asText();
      String logGroup = envelope.get("logGroup").asText();
      for (JsonNode event : envelope.get("logEvents")) {
        if (!event.get("message").asText().contains("pricing.Discount.apply")) {
          continue;
        }
        regressions++;
        long time = event.get("timestamp").asLong();
        assertThat(generator.plannedIncidents())
            .as("%s %s at %d", account, logGroup, time)
            .anySatisfy(
                burst -> {
                  assertThat(burst.problem()).isEqualTo(Incident.Problem.ERRORS);
                  assertThat(burst.cause()).isEqualTo(Incident.Cause.DEPLOY);
                  assertThat(burst.account()).isEqualTo(account);
                  assertThat(logGroup).contains(burst.service());
                  assertThat(burst.covers(time)).isTrue();
                });
      }
    }
    assertThat(generator.plannedIncidents())
        .extracting(Incident::service)
        .containsAnyOf("checkout", "inventory");
    assertThat(regressions).isGreaterThan(20);
  }

  @Test
  void everyRecordIsAValidEnvelopeOrDetectablyCorruptAsPlanned() throws IOException {
    GeneratorSettings settings =
        settings()
            .withCorruptFraction(0.03)
            .withControlMessageFraction(0.03)
            .withLateFraction(0.03)
            .withTooLateFraction(0.03);
    WorkloadGenerator generator = new WorkloadGenerator(settings);
    long startMs = START.toEpochMilli();
    long endMs = START.plus(settings.duration()).toEpochMilli();
    long tickMs = settings.tick().toMillis();
    Set<String> ids = new HashSet<>();
    Map<RecordPlan.Kind, Integer> kinds = new EnumMap<>(RecordPlan.Kind.class);
    Map<RecordPlan.Lateness, Integer> lateness = new EnumMap<>(RecordPlan.Lateness.class);
    String previousSequence = "";
    PlantedChange extraLate = generator.plannedIncidents().get(0).plantedChange();
    assertThat(extraLate.deliveryLag()).isGreaterThan(Duration.ofMillis(CLOUDTRAIL_LAG));
    int extraLateSeen = 0;

    for (long index = 0; index < generator.recordCount(); index++) {
      SourceRecord record = generator.record(index);
      RecordPlan plan = generator.plan(index);
      kinds.merge(plan.kind(), 1, Integer::sum);
      long tickStart = generator.simulatedTime(index).toEpochMilli();

      assertThat(record.getStream()).isEqualTo("generator");
      assertThat(record.getShardId()).matches("shardId-00000000000[0-3]");
      assertThat(record.getReadError()).isNull();
      assertThat(record.getArrivalTime()).isBetween(tickStart + tickMs, tickStart + tickMs + 5_000);
      assertThat(record.getSequenceNumber()).matches("\\d+").isGreaterThan(previousSequence);
      previousSequence = record.getSequenceNumber();
      byte[] data = GeneratedEnvelopes.bytes(record);
      assertThat(data.length).isLessThan(1_000_000);

      if (plan.kind().corrupt()) {
        assertCorrupt(plan.kind(), data);
        continue;
      }
      JsonNode envelope = GeneratedEnvelopes.parse(GeneratedEnvelopes.gunzip(data));
      if (plan.kind() == RecordPlan.Kind.CONTROL) {
        assertControl(envelope);
        continue;
      }
      lateness.merge(plan.lateness(), 1, Integer::sum);
      assertThat(envelope.get("messageType").asText()).isEqualTo("DATA_MESSAGE");
      assertThat(envelope.get("owner").asText()).isIn(ACCOUNTS);
      assertThat(envelope.get("logGroup").asText()).isNotEmpty();
      assertThat(envelope.get("logStream").asText()).isNotEmpty();
      assertThat(envelope.get("subscriptionFilters").toString()).isEqualTo("[\"logpulse\"]");
      JsonNode events = envelope.get("logEvents");
      assertThat(events.size()).isBetween(1, 400);
      boolean cloudTrail = envelope.get("logGroup").asText().startsWith("aws-cloudtrail-logs-");
      long lag = cloudTrail ? CLOUDTRAIL_LAG : 0;
      for (JsonNode event : events) {
        assertThat(event.get("id").asText()).matches("\\d{56}");
        assertThat(ids.add(event.get("id").asText())).as("unique id").isTrue();
        assertThat(event.get("message").asText()).isNotEmpty();
        long timestamp = event.get("timestamp").asLong();
        if (cloudTrail
            && timestamp == extraLate.time().toEpochMilli()
            && event.get("message").asText().contains(extraLate.eventName())) {
          // Delivered in the tick of its delivery time, stamped with the time it was made.
          assertThat(tickStart)
              .isEqualTo(
                  startMs + (extraLate.delivered().toEpochMilli() - startMs) / tickMs * tickMs);
          extraLateSeen++;
          continue;
        }
        long expectedStart = tickStart - lag - plan.shiftMillis();
        assertThat(timestamp).isBetween(expectedStart, expectedStart + tickMs - 1);
        switch (plan.lateness()) {
          case ON_TIME -> assertThat(timestamp).isBetween(startMs - lag, endMs - 1);
          case LATE -> assertThat(plan.shiftMillis()).isBetween(60_000L, 240_000L);
          case TOO_LATE -> assertThat(plan.shiftMillis()).isEqualTo(7_200_000L);
        }
      }
    }

    assertThat(extraLateSeen).isEqualTo(1);
    assertThat(kinds.keySet()).containsExactlyInAnyOrder(RecordPlan.Kind.values());
    assertThat(lateness.keySet()).containsExactlyInAnyOrder(RecordPlan.Lateness.values());
    assertThat(kinds.get(RecordPlan.Kind.CONTROL)).isBetween(100, 250);
  }

  @Test
  void defaultFractionsKeepMisbehaviourRare() {
    WorkloadGenerator generator = new WorkloadGenerator(settings());
    long misbehaving =
        LongStream.range(0, generator.recordCount())
            .mapToObj(generator::plan)
            .filter(
                p ->
                    p.kind() != RecordPlan.Kind.DATA || p.lateness() != RecordPlan.Lateness.ON_TIME)
            .count();

    assertThat(misbehaving).isGreaterThan(0).isLessThan(generator.recordCount() / 50);
  }

  @Test
  void envelopesStayBoundedUnderHeavyTraffic() throws IOException {
    WorkloadGenerator generator =
        new WorkloadGenerator(
            settings().withStart(Instant.parse("2026-11-21T12:00:00Z")).withTrafficScale(20));

    for (long index = 0; index < generator.streamCount() * 4L; index++) {
      SourceRecord record = generator.record(index);
      if (generator.plan(index).kind() == RecordPlan.Kind.DATA) {
        assertThat(GeneratedEnvelopes.envelope(record).get("logEvents").size()).isBetween(1, 400);
        assertThat(record.getData().remaining()).isLessThan(256 * 1024);
      }
    }
  }

  private static byte[] assertGunzips(byte[] data) {
    try {
      return GeneratedEnvelopes.gunzip(data);
    } catch (IOException e) {
      throw new AssertionError("gzip layer should be intact", e);
    }
  }

  private static void assertControl(JsonNode envelope) {
    assertThat(envelope.get("messageType").asText()).isEqualTo("CONTROL_MESSAGE");
    assertThat(envelope.get("owner").asText()).isEqualTo("CloudwatchLogs");
    assertThat(envelope.get("logGroup").asText()).isEmpty();
    assertThat(envelope.get("logStream").asText()).isEmpty();
    assertThat(envelope.get("logEvents").size()).isEqualTo(1);
    assertThat(envelope.get("logEvents").get(0).get("message").asText())
        .isEqualTo("CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.");
  }

  private static void assertCorrupt(RecordPlan.Kind kind, byte[] data) {
    switch (kind) {
      case TRUNCATED_GZIP -> {
        assertThat(data[0]).isEqualTo((byte) 0x1f);
        assertThat(catchThrowable(() -> GeneratedEnvelopes.gunzip(data)))
            .isInstanceOf(IOException.class);
      }
      case NOT_GZIP -> {
        assertThat(data[0]).isEqualTo((byte) '{');
        assertThat(catchThrowable(() -> GeneratedEnvelopes.gunzip(data)))
            .isInstanceOf(IOException.class);
      }
      case INVALID_JSON -> {
        byte[] json = assertGunzips(data);
        assertThat(catchThrowable(() -> GeneratedEnvelopes.parse(json)))
            .isInstanceOf(IOException.class);
      }
      default -> throw new AssertionError("not a corrupt kind: " + kind);
    }
  }
}
