package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.local.generator.NoiseEvent.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The noise of a fleet's day: planted in every run, recorded as ground truth, realistic in count (a
 * few blips per busy service-hour, about two harmless changes per service-day), clear of the
 * planted incidents, and visible in the records it shapes.
 */
class NoiseTest {

  private static final Instant START = Instant.parse("2026-11-21T00:00:00Z");

  /** Busy services: every service with at least one request a second. */
  private static final int BUSY = 7;

  /** Services with logs in some account. */
  private static final int SERVICES = 10;

  private static WorkloadGenerator generator(long seed, Duration duration) {
    return new WorkloadGenerator(
        GeneratorSettings.defaults().withSeed(seed).withStart(START).withDuration(duration));
  }

  private static List<NoiseEvent> of(WorkloadGenerator generator, Kind kind) {
    return generator.plannedNoise().stream().filter(e -> e.kind() == kind).toList();
  }

  @Test
  void aFleetDayHasAFewBlipsPerBusyServiceHourAndAboutTwoHarmlessChangesPerServiceDay() {
    int seeds = 4;
    int blips = 0;
    int changes = 0;
    int surges = 0;
    int singles = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      WorkloadGenerator day = generator(seed, Duration.ofHours(24));
      blips += of(day, Kind.LATENCY_BLIP).size();
      changes += of(day, Kind.HARMLESS_CHANGE).size();
      surges += of(day, Kind.TRAFFIC_SURGE).size();
      singles += of(day, Kind.SINGLE_ERROR).size();

      assertThat(day.groundTruth().serviceDays()).isEqualTo(SERVICES);
      assertThat(day.groundTruth().noise()).isEqualTo(day.plannedNoise());
      assertThat(of(day, Kind.HARMLESS_CHANGE).stream().map(NoiseEvent::account).distinct())
          .hasSize(3);
      assertThat(of(day, Kind.HARMLESS_CHANGE))
          .anyMatch(e -> e.start().isBefore(START.plus(Duration.ofHours(8))))
          .anyMatch(e -> e.start().isAfter(START.plus(Duration.ofHours(16))));
      assertThat(of(day, Kind.HARMLESS_CHANGE).size()).isEqualTo(day.harmlessChanges().size());
    }
    assertThat(blips / (seeds * 24.0 * BUSY)).isBetween(2.0, 4.0);
    assertThat(changes / (seeds * (double) SERVICES)).isBetween(1.3, 2.5);
    assertThat(surges / (seeds * 9.0)).isBetween(1.0, 3.0);
    assertThat(singles / (seeds * 24.0)).isBetween(0.25, 0.75);
  }

  @Test
  void eachKindHasItsShapeAndOnlyItsServices() {
    WorkloadGenerator day = generator(5, Duration.ofHours(24));

    assertThat(of(day, Kind.LATENCY_BLIP))
        .allSatisfy(
            e -> {
              assertThat(Duration.between(e.start(), e.end()))
                  .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(45));
              assertThat(e.size()).isBetween(8.0, 60.0);
              assertThat(e.service()).isNotIn("returns", "inventory");
            });
    assertThat(of(day, Kind.SINGLE_ERROR))
        .allSatisfy(e -> assertThat(e.service()).isEqualTo("returns"));
    assertThat(of(day, Kind.TRAFFIC_SURGE))
        .allSatisfy(
            e -> {
              assertThat(Duration.between(e.start(), e.end()))
                  .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(20));
              assertThat(e.size()).isBetween(2.0, 3.0);
              assertThat(e.service()).isNotEqualTo("inventory");
            });
    Set<String> calls =
        day.harmlessChanges().stream().map(PlantedChange::eventName).collect(Collectors.toSet());
    assertThat(calls).contains("PutParameter").hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void noiseStaysClearOfThePlantedIncidentsOfItsService() {
    for (long seed = 1; seed <= 5; seed++) {
      WorkloadGenerator day = generator(seed, Duration.ofHours(12));
      for (Incident incident : day.plannedIncidents()) {
        for (NoiseEvent e : day.plannedNoise()) {
          if (e.account().equals(incident.account()) && e.service().equals(incident.service())) {
            assertThat(e.explains(incident.account(), incident.service(), incident.start()))
                .as("seed %d: %s near %s", seed, e, incident)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void theQuietServiceServesAFewRequestsAMinuteAndFailsOnlyInItsSingleErrors() throws IOException {
    WorkloadGenerator day = generator(2, Duration.ofHours(24));
    NoiseEvent single = of(day, Kind.SINGLE_ERROR).get(0);
    int stream = streamOf(day, "/ecs/returns");
    long tickMs = day.settings().tick().toMillis();
    long first = (single.start().toEpochMilli() - START.toEpochMilli()) / tickMs - 60;
    int requests = 0;
    List<Long> failures = new ArrayList<>();
    for (long tick = first; tick < first + 120; tick++) {
      long index = tick * day.streamCount() + stream;
      if (day.plan(index).kind() != RecordPlan.Kind.DATA) {
        continue;
      }
      for (JsonNode event : GeneratedEnvelopes.envelope(day.record(index)).get("logEvents")) {
        JsonNode line = GeneratedEnvelopes.message(event);
        if (line.has("status")) {
          requests++;
          if (line.get("status").asInt() >= 500) {
            failures.add(event.get("timestamp").asLong());
          }
        }
      }
    }

    assertThat(requests / 10.0).as("requests a minute").isBetween(1.0, 10.0);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0))
        .isBetween(single.start().toEpochMilli() - tickMs, single.start().toEpochMilli() + tickMs);
  }

  @Test
  void aBlipMakesAFewRequestsManyTimesSlowerAndASurgeMultipliesRequests() throws IOException {
    WorkloadGenerator day = generator(3, Duration.ofHours(24));
    int stream = streamOf(day, "/ecs/web-nginx");
    NoiseEvent blip =
        of(day, Kind.LATENCY_BLIP).stream()
            .filter(e -> e.service().equals("web-nginx") && e.size() > 10)
            .filter(e -> e.start().isAfter(START.plusSeconds(600)))
            .findFirst()
            .orElseThrow();
    List<Double> during = latencies(day, stream, blip.start(), blip.end());
    List<Double> before =
        latencies(day, stream, blip.start().minusSeconds(120), blip.start().minusSeconds(60));
    double slow = 8 * quantile(before, 0.5);
    assertThat(during.stream().filter(ms -> ms > slow).count() / (double) during.size())
        .as("share of requests 8 times slower than the median, during the blip")
        .isBetween(0.04, Unit.BLIP_SLOW_SHARE * 1.5);
    assertThat(before.stream().filter(ms -> ms > slow).count() / (double) before.size())
        .as("the same share before it")
        .isLessThan(0.015);
    assertThat(quantile(during, 0.99)).isGreaterThan(3 * quantile(before, 0.95));
    assertThat(quantile(during, 0.5) / quantile(before, 0.5)).isBetween(0.8, 1.25);

    NoiseEvent surge =
        of(day, Kind.TRAFFIC_SURGE).stream()
            .filter(e -> e.service().equals("checkout"))
            .filter(e -> e.start().isAfter(START.plusSeconds(600)))
            .findFirst()
            .orElseThrow();
    int surged = streamOf(day, "/ecs/" + surge.service(), surge.account());
    Instant middle = surge.start().plus(Duration.between(surge.start(), surge.end()).dividedBy(2));
    double inside = latencies(day, surged, middle, middle.plusSeconds(120)).size();
    double outside =
        latencies(day, surged, surge.start().minusSeconds(300), surge.start().minusSeconds(180))
            .size();
    assertThat(inside / outside).isBetween(surge.size() * 0.75, surge.size() * 1.25);
  }

  private static int streamOf(WorkloadGenerator generator, String logGroup) throws IOException {
    return streamOf(generator, logGroup, Estate.SHOP);
  }

  private static int streamOf(WorkloadGenerator generator, String logGroup, String account)
      throws IOException {
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(stream));
      if (envelope.get("logGroup").asText().equals(logGroup)
          && envelope.get("owner").asText().equals(account)) {
        return stream;
      }
    }
    throw new AssertionError("no stream of " + logGroup);
  }

  /** Request latencies (ms) of one stream's on-time records in [from, to). */
  private static List<Double> latencies(
      WorkloadGenerator generator, int stream, Instant from, Instant to) throws IOException {
    long tickMs = generator.settings().tick().toMillis();
    List<Double> latencies = new ArrayList<>();
    for (long tick = (from.toEpochMilli() - START.toEpochMilli()) / tickMs;
        tick <= (to.toEpochMilli() - START.toEpochMilli()) / tickMs;
        tick++) {
      long index = tick * generator.streamCount() + stream;
      RecordPlan plan = generator.plan(index);
      if (plan.kind() != RecordPlan.Kind.DATA || plan.lateness() != RecordPlan.Lateness.ON_TIME) {
        continue;
      }
      for (JsonNode event : GeneratedEnvelopes.envelope(generator.record(index)).get("logEvents")) {
        long t = event.get("timestamp").asLong();
        if (t < from.toEpochMilli() || t >= to.toEpochMilli()) {
          continue;
        }
        String message = event.get("message").asText();
        if (message.startsWith("{")) {
          JsonNode line = GeneratedEnvelopes.message(event);
          if (line.has("latency_ms")) {
            latencies.add(line.get("latency_ms").asDouble());
          }
        } else {
          latencies.add(Double.parseDouble(message.substring(message.lastIndexOf(' ') + 1)));
        }
      }
    }
    return latencies;
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }
}
