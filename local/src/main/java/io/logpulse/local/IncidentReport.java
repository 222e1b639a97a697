package io.logpulse.local;

import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.PlantedChange;
import io.logpulse.parquet.ParquetTables;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.Path;

/**
 * The incidents a run wrote, read back from the incidents table (the highest revision of each), and
 * how they compare with the incidents the generator planted: whether each planted one was found,
 * whether its top suspect is the change that caused it, and how many incidents match nothing
 * planted.
 *
 * @param incidents one line per incident, by start
 */
public record IncidentReport(List<IncidentLine> incidents) {

  /** Incidents listed one by one; the rest are counted. */
  static final int MAX_LINES = 15;

  /**
   * An incident at its latest revision.
   *
   * @param suspects best first
   */
  public record IncidentLine(
      String incidentId,
      String account,
      String service,
      Instant start,
      Instant time,
      String state,
      int revision,
      int anomalies,
      String summary,
      List<SuspectLine> suspects) {

    /** The planted incident this one {@linkplain Incident#isAbout is about}, or null. */
    public Incident planted(List<Incident> planted) {
      for (Incident incident : planted) {
        if (incident.isAbout(account, service, start)) {
          return incident;
        }
      }
      return null;
    }

    /** Whether the top suspect is {@code change}. */
    public boolean blames(PlantedChange change) {
      return !suspects.isEmpty() && suspects.get(0).is(change);
    }
  }

  /** A suspect as the table holds it. */
  public record SuspectLine(
      String changeId, String account, String eventName, List<String> resources, double score) {

    /** Whether this is the planted change: same account and call, naming its resource. */
    boolean is(PlantedChange change) {
      return account.equals(change.account())
          && eventName.equals(change.eventName())
          && resources.stream().anyMatch(r -> r.contains(change.resource()));
    }
  }

  /**
   * How correlation did against what was planted.
   *
   * @param planted incidents the generator planted
   * @param found planted incidents that some incident is about
   * @param topSuspectRight found incidents whose first incident names the planted change first
   * @param incidents incidents the job opened
   * @param falseIncidents incidents about nothing planted
   */
  public record Evaluation(
      int planted, int found, int topSuspectRight, int incidents, int falseIncidents) {

    /** Share of found incidents whose top suspect is the planted change. */
    public double topSuspectAccuracy() {
      return found == 0 ? 0 : (double) topSuspectRight / found;
    }

    /** Share of incidents that match no planted incident. */
    public double falseIncidentRate() {
      return incidents == 0 ? 0 : (double) falseIncidents / incidents;
    }
  }

  /** Reads the incidents table written with {@code filePrefix}. */
  public static IncidentReport read(String outputPath, String filePrefix) throws IOException {
    Map<String, GenericRecord> latest = new HashMap<>();
    for (Path file :
        ParquetFiles.committed(
            new Path(ParquetTables.tablePath(outputPath, ParquetTables.INCIDENTS)), filePrefix)) {
      ParquetFiles.read(
          file,
          record ->
              latest.merge(
                  record.get("incident_id").toString(),
                  record,
                  (a, b) -> (int) a.get("revision") >= (int) b.get("revision") ? a : b));
    }
    List<IncidentLine> lines = new ArrayList<>();
    for (GenericRecord record : latest.values()) {
      lines.add(line(record));
    }
    lines.sort(Comparator.comparing(IncidentLine::start).thenComparing(IncidentLine::incidentId));
    return new IncidentReport(List.copyOf(lines));
  }

  private static IncidentLine line(GenericRecord record) {
    List<SuspectLine> suspects = new ArrayList<>();
    for (Object item : (List<?>) record.get("suspects")) {
      GenericRecord suspect = (GenericRecord) item;
      suspects.add(
          new SuspectLine(
              suspect.get("change_id").toString(),
              suspect.get("account").toString(),
              suspect.get("event_name").toString(),
              ((List<?>) suspect.get("resources")).stream().map(Object::toString).toList(),
              (double) suspect.get("score")));
    }
    return new IncidentLine(
        record.get("incident_id").toString(),
        record.get("account").toString(),
        record.get("service").toString(),
        Instant.ofEpochMilli((Long) record.get("start")),
        Instant.ofEpochMilli((Long) record.get("time")),
        record.get("state").toString(),
        (int) record.get("revision"),
        ((List<?>) record.get("anomaly_ids")).size(),
        record.get("summary").toString(),
        List.copyOf(suspects));
  }

  /** The comparison with the incidents the generator planted. */
  public Evaluation evaluate(List<Incident> planted) {
    int found = 0;
    int right = 0;
    for (Incident incident : planted) {
      IncidentLine first =
          incidents.stream()
              .filter(i -> i.planted(List.of(incident)) != null)
              .findFirst()
              .orElse(null);
      if (first != null) {
        found++;
        if (first.blames(incident.plantedChange())) {
          right++;
        }
      }
    }
    int falseIncidents = (int) incidents.stream().filter(i -> i.planted(planted) == null).count();
    return new Evaluation(planted.size(), found, right, incidents.size(), falseIncidents);
  }

  /**
   * The incidents line, one line per incident (those about a planted incident first) with its
   * summary, and the evaluation when incidents were planted.
   */
  public void print(PrintStream out, List<Incident> planted) {
    long open = incidents.stream().filter(i -> !"CLOSE".equals(i.state())).count();
    out.println(
        incidents.isEmpty()
            ? "incidents: none opened"
            : "incidents: " + incidents.size() + " opened, " + open + " still open at the end");
    List<IncidentLine> listed =
        incidents.stream()
            .sorted(
                Comparator.comparingInt((IncidentLine i) -> i.planted(planted) != null ? 0 : 1)
                    .thenComparing(IncidentLine::start))
            .limit(MAX_LINES)
            .toList();
    for (IncidentLine incident : listed) {
      Incident cause = incident.planted(planted);
      out.printf(
          "  %s %s %s..%s, %d anomal%s, rev %d: %s%s%n",
          incident.account(),
          incident.service(),
          RunSummary.MINUTES.format(incident.start()),
          RunSummary.MINUTES.format(incident.time()),
          incident.anomalies(),
          incident.anomalies() == 1 ? "y" : "ies",
          incident.revision(),
          incident.summary(),
          cause == null
              ? ""
              : incident.blames(cause.plantedChange())
                  ? " [planted cause named first]"
                  : " [planted cause: " + cause.change() + "]");
    }
    if (incidents.size() > MAX_LINES) {
      out.println("  ... and " + (incidents.size() - MAX_LINES) + " more");
    }
    if (!planted.isEmpty()) {
      Evaluation e = evaluate(planted);
      out.printf(
          "correlation: %d of %d planted incidents found, top suspect right for %d of %d;"
              + " %d of %d incidents match nothing planted%n",
          e.found(),
          e.planted(),
          e.topSuspectRight(),
          e.found(),
          e.falseIncidents(),
          e.incidents());
    }
  }
}
