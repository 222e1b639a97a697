package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The simulated traffic has the shapes the detectors are meant to see. */
class TrafficShapeTest {

  private static final Pattern NGINX_STATUS = Pattern.compile("\" (\\d{3}) \\d+ \"");
  private static final Instant MIDNIGHT = Instant.parse("2026-11-21T00:00:00Z");

  @Test
  void middayRecordsCarryMoreEventsThanNightOnes() throws IOException {
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.defaults()
                .withStart(MIDNIGHT)
                .withDuration(Duration.ofHours(24))
                .withCorruptFraction(0)
                .withControlMessageFraction(0));

    double night = meanEvents(generator, 0);
    double noon = meanEvents(generator, 12);
    double evening = meanEvents(generator, 18);

    assertThat(noon).isGreaterThan(3 * night);
    assertThat(evening).isBetween(night, noon);
  }

  @Test
  void eventCountsVaryFromRecordToRecord() throws IOException {
    WorkloadGenerator generator =
        new WorkloadGenerator(GeneratorSettings.defaults().withStart(MIDNIGHT.plusSeconds(43_200)));
    List<Integer> counts = new ArrayList<>();
    for (long tick = 0; tick < 20; tick++) {
      counts.add(
          GeneratedEnvelopes.envelope(generator.record(tick * generator.streamCount()))
              .get("logEvents")
              .size());
    }

    assertThat(counts.stream().distinct().count()).isGreaterThan(5);
  }

  @Test
  void threeHoursHaveThreeBurstsOfFiveToFifteenMinutesAfterTheDetectorsWarmUp() {
    GeneratorSettings settings = GeneratorSettings.defaults().withStart(MIDNIGHT);
    Instant end = MIDNIGHT.plus(settings.duration());

    for (long seed = 1; seed <= 5; seed++) {
      List<Incident> bursts = new WorkloadGenerator(settings.withSeed(seed)).plannedIncidents();

      assertThat(bursts).hasSize(3);
      for (Incident burst : bursts) {
        assertThat(burst.start()).isAfter(MIDNIGHT.plus(Duration.ofHours(1)));
        assertThat(burst.end()).isBefore(end);
        assertThat(Duration.between(burst.start(), burst.end()))
            .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(15));
        if (burst.problem() == Incident.Problem.ERRORS) {
          assertThat(burst.errorRate()).isBetween(0.1, 0.3);
        } else {
          assertThat(burst.errorRate()).isEqualTo(Traffic.BASELINE_ERROR_RATE);
          assertThat(burst.latencyFactor()).isBetween(3.0, 6.0);
        }
        if (burst.plantedChange() != null) {
          assertThat(burst.plantedChange().time()).isBefore(burst.start());
        }
      }
    }
  }

  @Test
  void errorBurstsRaiseTheErrorShareOfTheirServiceAndPlantAChange() throws IOException {
    Set<String> services = new HashSet<>();
    for (long seed = 1; seed <= 16; seed++) {
      GeneratorSettings settings =
          GeneratorSettings.defaults()
              .withSeed(seed)
              .withStart(MIDNIGHT.plus(Duration.ofHours(10)))
              .withCorruptFraction(0)
              .withControlMessageFraction(0)
              .withLateFraction(0)
              .withTooLateFraction(0);
      WorkloadGenerator generator = new WorkloadGenerator(settings);
      for (Incident burst : generator.plannedIncidents()) {
        if (burst.plantedChange() != null) {
          assertThat(plantedChange(generator, burst)).as("change before %s", burst).isTrue();
        }
        if (burst.problem() != Incident.Problem.ERRORS) {
          continue;
        }
        services.add(burst.service());
        long window = Duration.ofMinutes(5).toMillis();
        long start = burst.start().toEpochMilli();
        Share inside = errorShare(generator, burst, start, window);
        Share before = errorShare(generator, burst, start - 2 * window, window);

        assertThat(inside.share())
            .as("error share of %s during %s", burst.service(), burst)
            .isGreaterThan(Math.max(0.05, before.share() * 5))
            .isBetween(burst.errorRate() * 0.5, burst.errorRate() * 1.5);
      }
    }
    assertThat(services)
        .containsExactlyInAnyOrder(
            "checkout", "payments-fn", "orders-api", "web-nginx", "inventory");
  }

  /** Mean events per record over the first five minutes of the given UTC hour. */
  private static double meanEvents(WorkloadGenerator generator, int hour) throws IOException {
    long firstTick = hour * 720L;
    long total = 0;
    long records = 0;
    for (long tick = firstTick; tick < firstTick + 60; tick++) {
      for (int stream = 0; stream < generator.streamCount(); stream++) {
        long index = tick * generator.streamCount() + stream;
        total += GeneratedEnvelopes.envelope(generator.record(index)).get("logEvents").size();
        records++;
      }
    }
    return (double) total / records;
  }

  private record Share(long errors, long requests) {
    double share() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }

  /** Error share of the burst's service and account over [from, from + length). */
  private static Share errorShare(
      WorkloadGenerator generator, Incident burst, long from, long length) throws IOException {
    long startMs = generator.settings().start().toEpochMilli();
    long tickMs = generator.settings().tick().toMillis();
    List<Integer> streams = streamsOf(generator, burst);
    long errors = 0;
    long requests = 0;
    for (long tick = (from - startMs) / tickMs;
        tick <= (from + length - startMs) / tickMs;
        tick++) {
      for (int stream : streams) {
        JsonNode envelope =
            GeneratedEnvelopes.envelope(generator.record(tick * generator.streamCount() + stream));
        for (JsonNode event : envelope.get("logEvents")) {
          long timestamp = event.get("timestamp").asLong();
          int verdict = classify(burst.service(), event);
          if (timestamp >= from && timestamp < from + length && verdict >= 0) {
            requests++;
            errors += verdict;
          }
        }
      }
    }
    return new Share(errors, requests);
  }

  /** Positions of the log streams of the burst's service in the burst's account. */
  private static List<Integer> streamsOf(WorkloadGenerator generator, Incident burst)
      throws IOException {
    List<Integer> streams = new ArrayList<>();
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(stream));
      String logGroup = envelope.get("logGroup").asText();
      if (envelope.get("owner").asText().equals(burst.account())
          && !logGroup.startsWith("aws-cloudtrail-logs-")
          && logGroup.endsWith("/" + burst.service())) {
        streams.add(stream);
      }
    }
    assertThat(streams).as("streams of %s", burst).isNotEmpty();
    return streams;
  }

  /** 1 for a failed request, 0 for another request, -1 for a line that is no request. */
  private static int classify(String service, JsonNode event) throws IOException {
    String message = event.get("message").asText();
    switch (service) {
      case "checkout" -> {
        JsonNode json = GeneratedEnvelopes.message(event);
        return json.has("status") ? (json.get("status").asInt() >= 500 ? 1 : 0) : -1;
      }
      case "orders-api" -> {
        return GeneratedEnvelopes.message(event).get("status").asInt() >= 500 ? 1 : 0;
      }
      case "payments-fn" -> {
        if (!message.startsWith("REPORT ")) {
          return -1;
        }
        return message.contains("Duration: 6000.00 ms\t") ? 1 : 0;
      }
      case "web-nginx" -> {
        Matcher matcher = NGINX_STATUS.matcher(message);
        assertThat(matcher.find()).as(message).isTrue();
        return Integer.parseInt(matcher.group(1)) >= 500 ? 1 : 0;
      }
      default -> {
        return message.substring(25, 30).equals("ERROR") ? 1 : 0;
      }
    }
  }

  /**
   * Whether the CloudTrail stream of the burst's account holds the planned change, in the record of
   * the tick CloudTrail delivers it in.
   */
  private static boolean plantedChange(WorkloadGenerator generator, Incident burst)
      throws IOException {
    String eventName = burst.plantedChange().eventName();
    long changeMs = burst.plantedChange().time().toEpochMilli();
    long tickMs = generator.settings().tick().toMillis();
    long startMs = generator.settings().start().toEpochMilli();
    long tick = (burst.plantedChange().delivered().toEpochMilli() - startMs) / tickMs;
    for (long index = tick * generator.streamCount();
        index < (tick + 1) * generator.streamCount();
        index++) {
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(index));
      if (!envelope.get("logStream").asText().equals(burst.account() + "_CloudTrail_eu-west-1")) {
        continue;
      }
      for (JsonNode event : envelope.get("logEvents")) {
        if (event.get("timestamp").asLong() == changeMs) {
          JsonNode trail = GeneratedEnvelopes.message(event);
          return trail.get("eventName").asText().equals(eventName)
              && trail.get("recipientAccountId").asText().equals(burst.account())
              && !trail.get("readOnly").asBoolean();
        }
      }
    }
    return false;
  }
}
