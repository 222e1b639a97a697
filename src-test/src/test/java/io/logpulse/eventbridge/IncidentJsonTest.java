package io.logpulse.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.Incidents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The incident's EventBridge detail: its JSON shape, its escaping and its size limit. */
class IncidentJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-03-01T10:15:00.250Z");

  private static JsonNode parse(IncidentJson.Detail detail) throws Exception {
    assertThat(detail.bytes()).isEqualTo(detail.json().getBytes(StandardCharsets.UTF_8).length);
    return JSON.readTree(detail.json());
  }

  private static IncidentJson.Detail unlimited(Incident incident) {
    return IncidentJson.detail(incident, Long.MAX_VALUE);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }

  @Test
  void everyFieldRoundTripsUnderItsSchemaNameInSchemaOrder() throws Exception {
    Incident incident =
        Incidents.step("acct/checkout@t", 3, "UPDATE", START, START.plusSeconds(90), 2);

    JsonNode detail = parse(unlimited(incident));

    List<String> expectedNames = new ArrayList<>(names(Incident.getClassSchema()));
    expectedNames.addAll(List.of("truncated", "omitted"));
    assertThat(names(detail)).isEqualTo(expectedNames);
    assertThat(detail.get("incident_id").asText()).isEqualTo("acct/checkout@t");
    assertThat(detail.get("revision").isInt()).isTrue();
    assertThat(detail.get("revision").asInt()).isEqualTo(3);
    assertThat(detail.get("state").asText()).isEqualTo("UPDATE");
    assertThat(detail.get("account").asText()).isEqualTo("111111111111");
    assertThat(detail.get("service").asText()).isEqualTo("checkout");
    assertThat(detail.get("start").asText()).isEqualTo("2026-03-01T10:15:00.250Z");
    assertThat(detail.get("time").asText()).isEqualTo("2026-03-01T10:16:30.250Z");
    assertThat(detail.get("metric").asText()).isEqualTo("ErrorRate");
    assertThat(detail.get("score").asDouble()).isEqualTo(0.97);
    assertThat(detail.get("expected").asDouble()).isEqualTo(0.2);
    assertThat(detail.get("observed").asDouble()).isEqualTo(12.5);
    assertThat(detail.get("anomaly_ids"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(incident.getAnomalyIds());
    assertThat(detail.get("summary").asText()).isEqualTo(incident.getSummary());
    assertThat(detail.get("truncated").asBoolean()).isFalse();
    assertThat(detail.get("omitted").toString())
        .isEqualTo("{\"explanations\":0,\"suspects\":0,\"anomaly_ids\":0,\"summary_chars\":0}");

    assertThat(detail.get("suspects")).hasSize(2);
    for (int k = 0; k < 2; k++) {
      Suspect s = incident.getSuspects().get(k);
      JsonNode json = detail.get("suspects").get(k);
      assertThat(names(json)).isEqualTo(names(Suspect.getClassSchema()));
      assertThat(json.get("change_id").asText()).isEqualTo(s.getChangeId());
      assertThat(json.get("account").asText()).isEqualTo(s.getAccount());
      assertThat(json.get("region").asText()).isEqualTo(s.getRegion());
      assertThat(Instant.parse(json.get("time").asText())).isEqualTo(s.getTime());
      assertThat(json.get("event_source").asText()).isEqualTo(s.getEventSource());
      assertThat(json.get("event_name").asText()).isEqualTo(s.getEventName());
      assertThat(json.get("change_kind").asText()).isEqualTo(s.getChangeKind());
      assertThat(json.get("failed").isBoolean()).isTrue();
      assertThat(json.get("principal").asText()).isEqualTo(s.getPrincipal());
      assertThat(json.get("agent").asText()).isEqualTo(s.getAgent());
      assertThat(json.get("resources"))
          .extracting(JsonNode::asText)
          .containsExactlyElementsOf(s.getResources());
      assertThat(json.get("score").asDouble()).isEqualTo(s.getScore());
      assertThat(json.get("minutes_before").asDouble()).isEqualTo(s.getMinutesBefore());
      assertThat(json.get("explanation").asText()).isEqualTo(s.getExplanation());
    }
  }

  @Test
  void missingAndNonFiniteValuesAreNull() throws Exception {
    Incident incident = Incidents.step("a/b@c", 1, "OPEN", START, START, 1);
    incident.setExpected(null);
    incident.setObserved(Double.NaN);
    incident.setScore(Double.POSITIVE_INFINITY);
    incident.getSuspects().get(0).setPrincipal(null);
    incident.getSuspects().get(0).setRegion(null);

    JsonNode detail = parse(unlimited(incident));

    assertThat(detail.get("expected").isNull()).isTrue();
    assertThat(detail.get("observed").isNull()).isTrue();
    assertThat(detail.get("score").isNull()).isTrue();
    assertThat(detail.get("suspects").get(0).get("principal").isNull()).isTrue();
    assertThat(detail.get("suspects").get(0).get("region").isNull()).isTrue();
  }

  @Test
  void quotesNewlinesControlCharactersAndUnicodeInTheSummarySurviveTheRoundTrip() throws Exception {
    String summary = "deploy \"v2\" by role\\ci\nthen\t5xx \u0001 rose: Grüße, 日本語, 🔥 & </script>";
    Incident incident = Incidents.step("a/b@c", 1, "OPEN", START, START, 1);
    incident.setSummary(summary);
    incident.getSuspects().get(0).setExplanation("line one\r\nline \"two\"");

    IncidentJson.Detail detail = unlimited(incident);

    assertThat(detail.json()).doesNotContain("\n").doesNotContain("\u0001");
    JsonNode json = parse(detail);
    assertThat(json.get("summary").asText()).isEqualTo(summary);
    assertThat(json.get("suspects").get(0).get("explanation").asText())
        .isEqualTo("line one\r\nline \"two\"");
  }

  /** An incident with {@code suspects} suspects, each with a long explanation. */
  private static Incident withLongExplanations(int suspects, int explanationChars) {
    Incident incident = Incidents.step("a/b@c", 2, "UPDATE", START, START, suspects);
    for (Suspect s : incident.getSuspects()) {
      s.setExplanation("é".repeat(explanationChars));
    }
    return incident;
  }

  @Test
  void anOversizedDetailLosesTheLowestRankedExplanationsFirstAndSaysSo() throws Exception {
    Incident incident = withLongExplanations(20, 1_000);
    long full = unlimited(incident).bytes();
    long budget = full - 5_000;

    IncidentJson.Detail detail = IncidentJson.detail(incident, budget);

    assertThat(detail.bytes()).isLessThanOrEqualTo(budget);
    JsonNode json = parse(detail);
    assertThat(json.get("truncated").asBoolean()).isTrue();
    JsonNode suspects = json.get("suspects");
    assertThat(suspects).hasSize(20);
    int kept = 0;
    while (kept < 20 && !suspects.get(kept).get("explanation").isNull()) {
      kept++;
    }
    assertThat(kept).as("explanations kept, best first").isBetween(1, 19);
    for (int k = kept; k < 20; k++) {
      assertThat(suspects.get(k).get("explanation").isNull()).as("suspect " + k).isTrue();
    }
    assertThat(json.get("omitted").get("explanations").asInt()).isEqualTo(20 - kept);
    assertThat(json.get("omitted").get("suspects").asInt()).isZero();
    // As many explanations as fit: one more would not.
    assertThat(budget - detail.bytes()).isLessThan(2_000 + 50);
  }

  @Test
  void whenExplanationsAreNotEnoughTheLowestRankedSuspectsGo() throws Exception {
    Incident incident = Incidents.step("a/b@c", 1, "OPEN", START, START, 30);
    for (Suspect s : incident.getSuspects()) {
      s.setResources(Collections.nCopies(200, "arn:aws:s3:::bucket/" + "k".repeat(40)));
    }

    IncidentJson.Detail detail = IncidentJson.detail(incident, IncidentEntry.MAX_DETAIL_BYTES);

    assertThat(unlimited(incident).bytes()).isGreaterThan(IncidentEntry.MAX_DETAIL_BYTES);
    assertThat(detail.bytes()).isLessThanOrEqualTo(IncidentEntry.MAX_DETAIL_BYTES);
    JsonNode json = parse(detail);
    int kept = json.get("suspects").size();
    assertThat(kept).isBetween(1, 29);
    for (int k = 0; k < kept; k++) {
      assertThat(json.get("suspects").get(k).get("change_id").asText())
          .isEqualTo(incident.getSuspects().get(k).getChangeId());
      assertThat(json.get("suspects").get(k).get("explanation").isNull()).isTrue();
    }
    assertThat(json.get("omitted").get("suspects").asInt()).isEqualTo(30 - kept);
    assertThat(json.get("omitted").get("explanations").asInt()).isEqualTo(kept);
    assertThat(json.get("anomaly_ids")).hasSize(2);
  }

  @Test
  void aSummaryTooLongForAnEventIsCutWithoutSplittingACharacter() throws Exception {
    Incident incident = Incidents.step("a/b@c", 1, "OPEN", START, START, 1);
    incident.setSummary("🔥".repeat(100_000)); // 400 KB of UTF-8, surrogate pairs in Java

    IncidentJson.Detail detail = IncidentJson.detail(incident, IncidentEntry.MAX_DETAIL_BYTES);

    assertThat(detail.bytes()).isLessThanOrEqualTo(IncidentEntry.MAX_DETAIL_BYTES);
    JsonNode json = parse(detail);
    String summary = json.get("summary").asText();
    assertThat(summary).isNotEmpty();
    assertThat(summary.length() % 2).as("whole surrogate pairs").isZero();
    assertThat(incident.getSummary()).startsWith(summary);
    assertThat(json.get("suspects")).isEmpty();
    assertThat(json.get("anomaly_ids")).isEmpty();
    assertThat(json.get("omitted").get("summary_chars").asInt())
        .isEqualTo(incident.getSummary().length() - summary.length());
  }

  @Test
  void everyBudgetIsKept() throws Exception {
    Incident incident = withLongExplanations(12, 300);
    long full = unlimited(incident).bytes();
    for (long budget = full; budget > 700; budget -= 97) {
      IncidentJson.Detail detail = IncidentJson.detail(incident, budget);
      assertThat(detail.bytes()).as("budget " + budget).isLessThanOrEqualTo(budget);
      assertThat(parse(detail).get("incident_id").asText()).isEqualTo("a/b@c");
    }
  }

  @Test
  void aBudgetBelowTheIdentifiersIsRefused() {
    Incident incident = Incidents.step("a/b@c", 1, "OPEN", START, START, 1);

    assertThatThrownBy(() -> IncidentJson.detail(incident, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a/b@c");
  }
}
