package io.logpulse.eventbridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code Detail} of an incident's EventBridge event: the incident as one JSON object with the
 * schema's snake_case field names in schema order, timestamps as ISO-8601 UTC strings, optional and
 * non-finite numbers as null, and the suspects as an array of objects, best first. Consumers
 * de-duplicate by {@code incident_id} and keep the highest {@code revision}.
 *
 * <p>An event may not exceed 256 KB, and an incident must not be lost for being larger, so a detail
 * over its budget is shortened in this order until it fits: the explanations of the lowest-ranked
 * suspects (set to null), then the lowest-ranked suspects, then the last anomaly ids, then the end
 * of the summary. Every detail says whether that happened: {@code "truncated"} (true or false) and
 * {@code "omitted"}, the number of {@code explanations} (of suspects still present), {@code
 * suspects}, {@code anomaly_ids} and {@code summary_chars} left out.
 */
public final class IncidentJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private IncidentJson() {}

  /** What was left out of a detail to keep it within its budget. */
  public record Omitted(int explanations, int suspects, int anomalyIds, int summaryChars) {

    /** Whether anything was left out. */
    public boolean any() {
      return explanations + suspects + anomalyIds + summaryChars > 0;
    }
  }

  /**
   * A detail.
   *
   * @param json the JSON object
   * @param bytes its size in UTF-8
   * @param omitted what was left out to stay within the budget
   */
  public record Detail(String json, long bytes, Omitted omitted) {}

  /**
   * How much of the incident's shortenable parts a detail keeps: explanations of the first {@code
   * explanations} suspects, the first {@code suspects} suspects, the first {@code anomalyIds} ids
   * and the first {@code summaryChars} characters of the summary.
   */
  private record Cut(int explanations, int suspects, int anomalyIds, int summaryChars) {}

  /**
   * The incident's detail in at most {@code maxBytes} of UTF-8, shortened as the class comment
   * says.
   *
   * @throws IllegalArgumentException if even the shortest detail is larger, which takes identifiers
   *     (incident id, account, service, metric, state) of about {@code maxBytes} together
   */
  public static Detail detail(Incident incident, long maxBytes) {
    Cut full = full(incident);
    String json = write(incident, full);
    long bytes = PutEventsLimits.utf8Bytes(json);
    if (bytes <= maxBytes) {
      return new Detail(json, bytes, omitted(full, full));
    }
    int suspects = full.suspects();
    int ids = full.anomalyIds();
    int chars = full.summaryChars();
    Cut cut = largestFitting(incident, maxBytes, suspects, k -> new Cut(k, suspects, ids, chars));
    if (cut == null) {
      cut = largestFitting(incident, maxBytes, suspects, k -> new Cut(0, k, ids, chars));
    }
    if (cut == null) {
      cut = largestFitting(incident, maxBytes, ids, k -> new Cut(0, 0, k, chars));
    }
    if (cut == null) {
      String summary = incident.getSummary();
      cut =
          largestFitting(
              incident, maxBytes, chars, k -> new Cut(0, 0, 0, withoutSplitPair(summary, k)));
    }
    if (cut == null) {
      throw new IllegalArgumentException(
          "incident "
              + incident.getIncidentId()
              + " does not fit an EventBridge event of "
              + maxBytes
              + " bytes even without suspects, anomaly ids and summary");
    }
    json = write(incident, cut);
    return new Detail(json, PutEventsLimits.utf8Bytes(json), omitted(full, cut));
  }

  private static Cut full(Incident incident) {
    int suspects = incident.getSuspects().size();
    return new Cut(
        suspects, suspects, incident.getAnomalyIds().size(), incident.getSummary().length());
  }

  private static Omitted omitted(Cut full, Cut cut) {
    return new Omitted(
        cut.suspects() - cut.explanations(),
        full.suspects() - cut.suspects(),
        full.anomalyIds() - cut.anomalyIds(),
        full.summaryChars() - cut.summaryChars());
  }

  /**
   * The cut with the largest {@code k} in {@code [0, max]} whose detail fits, by binary search (a
   * detail only grows with {@code k}), or null when not even {@code k = 0} fits.
   */
  private static Cut largestFitting(
      Incident incident, long maxBytes, int max, IntFunction<Cut> cutOf) {
    if (!fits(incident, cutOf.apply(0), maxBytes)) {
      return null;
    }
    int low = 0; // fits
    int high = max; // may fit
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (fits(incident, cutOf.apply(mid), maxBytes)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return cutOf.apply(low);
  }

  private static boolean fits(Incident incident, Cut cut, long maxBytes) {
    return PutEventsLimits.utf8Bytes(write(incident, cut)) <= maxBytes;
  }

  private static String write(Incident incident, Cut cut) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(incident, cut, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(Incident i, Cut cut, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("incident_id", i.getIncidentId());
    g.writeNumberField("revision", i.getRevision());
    g.writeStringField("state", i.getState());
    g.writeStringField("account", i.getAccount());
    g.writeStringField("service", i.getService());
    time(g, "start", i.getStart());
    time(g, "time", i.getTime());
    g.writeStringField("metric", i.getMetric());
    number(g, "score", i.getScore());
    number(g, "expected", i.getExpected());
    number(g, "observed", i.getObserved());
    g.writeArrayFieldStart("anomaly_ids");
    List<String> ids = i.getAnomalyIds();
    for (int k = 0; k < cut.anomalyIds(); k++) {
      g.writeString(ids.get(k));
    }
    g.writeEndArray();
    g.writeStringField("summary", i.getSummary().substring(0, cut.summaryChars()));
    g.writeArrayFieldStart("suspects");
    List<Suspect> suspects = i.getSuspects();
    for (int k = 0; k < cut.suspects(); k++) {
      suspect(g, suspects.get(k), k < cut.explanations());
    }
    g.writeEndArray();
    g.writeStringField("severity", i.getSeverity());
    Omitted omitted = omitted(full(i), cut);
    g.writeBooleanField("truncated", omitted.any());
    g.writeObjectFieldStart("omitted");
    g.writeNumberField("explanations", omitted.explanations());
    g.writeNumberField("suspects", omitted.suspects());
    g.writeNumberField("anomaly_ids", omitted.anomalyIds());
    g.writeNumberField("summary_chars", omitted.summaryChars());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void suspect(JsonGenerator g, Suspect s, boolean withExplanation)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("change_id", s.getChangeId());
    g.writeStringField("account", s.getAccount());
    g.writeStringField("region", s.getRegion());
    time(g, "time", s.getTime());
    g.writeStringField("event_source", s.getEventSource());
    g.writeStringField("event_name", s.getEventName());
    g.writeStringField("change_kind", s.getChangeKind());
    g.writeBooleanField("failed", s.getFailed());
    g.writeStringField("principal", s.getPrincipal());
    g.writeStringField("agent", s.getAgent());
    g.writeArrayFieldStart("resources");
    for (String resource : s.getResources()) {
      g.writeString(resource);
    }
    g.writeEndArray();
    number(g, "score", s.getScore());
    number(g, "minutes_before", s.getMinutesBefore());
    g.writeStringField("explanation", withExplanation ? s.getExplanation() : null);
    g.writeEndObject();
  }

  /** {@code chars}, or one less if the first {@code chars} characters end inside a pair. */
  private static int withoutSplitPair(String text, int chars) {
    return chars > 0 && chars < text.length() && Character.isHighSurrogate(text.charAt(chars - 1))
        ? chars - 1
        : chars;
  }

  private static void time(JsonGenerator g, String name, Instant time) throws IOException {
    g.writeStringField(name, time == null ? null : time.toString());
  }

  private static void number(JsonGenerator g, String name, Double value) throws IOException {
    if (value == null || !Double.isFinite(value)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }
}
