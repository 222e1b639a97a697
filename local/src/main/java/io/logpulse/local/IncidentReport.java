package io.logpulse.local;

import io.logpulse.local.generator.GroundTruth;
import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.NoiseEvent;
import io.logpulse.local.generator.PlantedChange;
import io.logpulse.parquet.ParquetTables;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.Path;

/**
 * The incidents a run wrote, read back from the incidents table (the highest revision of each), and
 * how they compare with what the generator planted: whether each planted incident was found, how
 * soon, whether its top suspect is the change that caused it (or no suspect for an outage with no
 * change), and which planted noise explains each incident that matches nothing planted.
 *
 * @param incidents one line per incident, by start
 */
public record IncidentReport(List<IncidentLine> incidents) {

  /** Incidents listed one by one; the rest are counted. */
  static final int MAX_LINES = 15;

  /** The noise class of a false incident that no planted noise explains. */
  public static final String UNEXPLAINED = "unexplained";

  /**
   * An incident at its latest revision.
   *
   * @param opened the event time of its OPEN step (revision 1)
   * @param suspects best first
   */
  public record IncidentLine(
      String incidentId,
      String account,
      String service,
      Instant start,
      Instant opened,
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

    /**
     * Whether the incident names the planted incident's cause first: its planted change as the top
     * suspect, or no suspect at all when nothing was changed.
     */
    public boolean namesCause(Incident planted) {
      PlantedChange change = planted.plantedChange();
      return change == null
          ? suspects.isEmpty()
          : !suspects.isEmpty() && suspects.get(0).is(change);
    }

    /**
     * The noise class that explains this incident: the kind of the planted noise event of the same
     * account and service around its start, those with a visible effect before harmless changes,
     * then the nearest; {@link #UNEXPLAINED} without one.
     */
    public String noiseClass(List<NoiseEvent> noise) {
      return noise.stream()
          .filter(e -> e.explains(account, service, start))
          .min(
              Comparator.comparingInt((NoiseEvent e) -> e.kind().ordinal())
                  .thenComparingLong(e -> Math.abs(Duration.between(e.start(), start).toMillis())))
          .map(e -> e.kind().label())
          .orElse(UNEXPLAINED);
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
   * How planted incidents of one kind of cause fared.
   *
   * @param planted planted incidents of the kind
   * @param found those some incident is about
   * @param right found ones whose first incident names the cause first
   */
  public record CauseTally(int planted, int found, int right) {

    CauseTally plus(CauseTally other) {
      return new CauseTally(planted + other.planted, found + other.found, right + other.right);
    }
  }

  /**
   * How the incidents did against what was planted.
   *
   * @param planted incidents the generator planted
   * @param found planted incidents that some incident is about
   * @param topSuspectRight found incidents whose first incident names the cause first (the planted
   *     change as top suspect; no suspect for a no-change incident)
   * @param incidents incidents the job opened
   * @param falseIncidents incidents about nothing planted
   * @param serviceDays services with logs × simulated days
   * @param byCause per {@linkplain Incident.Cause#label() cause kind}, in the order of the kinds
   * @param delayMinutes per found incident, minutes from its planted start to its incident's OPEN
   * @param falseByNoise false incidents per noise class ({@link NoiseEvent.Kind#label()} or {@link
   *     #UNEXPLAINED})
   */
  public record Evaluation(
      int planted,
      int found,
      int topSuspectRight,
      int incidents,
      int falseIncidents,
      double serviceDays,
      Map<String, CauseTally> byCause,
      List<Double> delayMinutes,
      Map<String, Integer> falseByNoise) {

    /** Nothing planted, nothing opened: the start of a sum over runs. */
    public static final Evaluation EMPTY =
        new Evaluation(0, 0, 0, 0, 0, 0, Map.of(), List.of(), Map.of());

    public Evaluation {
      Map<String, CauseTally> ordered = new TreeMap<>(Comparator.comparingInt(Evaluation::rank));
      ordered.putAll(byCause);
      byCause = Collections.unmodifiableMap(ordered);
      delayMinutes = List.copyOf(delayMinutes);
      falseByNoise = Collections.unmodifiableMap(new TreeMap<>(falseByNoise));
    }

    /** The position of a cause kind's label among the kinds, for reports in their order. */
    private static int rank(String label) {
      for (Incident.Cause cause : Incident.Cause.values()) {
        if (cause.label().equals(label)) {
          return cause.ordinal();
        }
      }
      throw new IllegalArgumentException("not a cause kind: " + label);
    }

    /** Share of planted incidents found. */
    public double recall() {
      return planted == 0 ? 0 : (double) found / planted;
    }

    /** Share of found incidents whose first incident names the cause first. */
    public double topSuspectAccuracy() {
      return found == 0 ? 0 : (double) topSuspectRight / found;
    }

    /** Incidents about nothing planted per service-day. */
    public double falsePerServiceDay() {
      return serviceDays == 0 ? 0 : falseIncidents / serviceDays;
    }

    /** The median detection delay in minutes, or NaN when nothing was found. */
    public double medianDelayMinutes() {
      if (delayMinutes.isEmpty()) {
        return Double.NaN;
      }
      List<Double> sorted = delayMinutes.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The longest detection delay in minutes, or NaN when nothing was found. */
    public double maxDelayMinutes() {
      return delayMinutes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** This evaluation and another one's, as if of one run. */
    public Evaluation plus(Evaluation other) {
      Map<String, CauseTally> causes = new LinkedHashMap<>(byCause);
      other.byCause.forEach((cause, tally) -> causes.merge(cause, tally, CauseTally::plus));
      Map<String, Integer> noise = new HashMap<>(falseByNoise);
      other.falseByNoise.forEach((kind, count) -> noise.merge(kind, count, Integer::sum));
      List<Double> delays = new ArrayList<>(delayMinutes);
      delays.addAll(other.delayMinutes);
      return new Evaluation(
          planted + other.planted,
          found + other.found,
          topSuspectRight + other.topSuspectRight,
          incidents + other.incidents,
          falseIncidents + other.falseIncidents,
          serviceDays + other.serviceDays,
          causes,
          delays,
          noise);
    }
  }

  /** Reads the incidents table written with {@code filePrefix}. */
  public static IncidentReport read(String outputPath, String filePrefix) throws IOException {
    Map<String, GenericRecord> latest = new HashMap<>();
    Map<String, Instant> opened = new HashMap<>();
    for (Path file :
        ParquetFiles.committed(
            new Path(ParquetTables.tablePath(outputPath, ParquetTables.INCIDENTS)), filePrefix)) {
      ParquetFiles.read(
          file,
          record -> {
            String id = record.get("incident_id").toString();
            latest.merge(
                id, record, (a, b) -> (int) a.get("revision") >= (int) b.get("revision") ? a : b);
            if ((int) record.get("revision") == 1) {
              opened.put(id, Instant.ofEpochMilli((Long) record.get("time")));
            }
          });
    }
    List<IncidentLine> lines = new ArrayList<>();
    for (GenericRecord record : latest.values()) {
      lines.add(line(record, opened.get(record.get("incident_id").toString())));
    }
    lines.sort(Comparator.comparing(IncidentLine::start).thenComparing(IncidentLine::incidentId));
    return new IncidentReport(List.copyOf(lines));
  }

  private static IncidentLine line(GenericRecord record, Instant opened) {
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
        opened != null ? opened : Instant.ofEpochMilli((Long) record.get("time")),
        Instant.ofEpochMilli((Long) record.get("time")),
        record.get("state").toString(),
        (int) record.get("revision"),
        ((List<?>) record.get("anomaly_ids")).size(),
        record.get("summary").toString(),
        List.copyOf(suspects));
  }

  /** The comparison with what the generator planted. */
  public Evaluation evaluate(GroundTruth truth) {
    Map<String, CauseTally> byCause = new LinkedHashMap<>();
    List<Double> delays = new ArrayList<>();
    for (Incident incident : truth.incidents()) {
      IncidentLine first =
          incidents.stream()
              .filter(i -> i.planted(List.of(incident)) != null)
              .findFirst()
              .orElse(null);
      boolean right = first != null && first.namesCause(incident);
      byCause.merge(
          incident.cause().label(),
          new CauseTally(1, first == null ? 0 : 1, right ? 1 : 0),
          CauseTally::plus);
      if (first != null) {
        delays.add(Duration.between(incident.start(), first.opened()).toMillis() / 60_000d);
      }
    }
    Map<String, Integer> falseByNoise =
        incidents.stream()
            .filter(i -> i.planted(truth.incidents()) == null)
            .collect(Collectors.toMap(i -> i.noiseClass(truth.noise()), i -> 1, Integer::sum));
    int found = byCause.values().stream().mapToInt(CauseTally::found).sum();
    int right = byCause.values().stream().mapToInt(CauseTally::right).sum();
    int falseIncidents = falseByNoise.values().stream().mapToInt(Integer::intValue).sum();
    return new Evaluation(
        truth.incidents().size(),
        found,
        right,
        incidents.size(),
        falseIncidents,
        truth.serviceDays(),
        byCause,
        delays,
        falseByNoise);
  }

  /**
   * The incidents line, one line per incident (those about a planted incident first) with its
   * summary and, for a false one, the noise that explains it; and the evaluation when incidents
   * were planted: found, top suspect right, false incidents per service-day by noise class, delay.
   */
  public void print(PrintStream out, GroundTruth truth) {
    List<Incident> planted = truth.incidents();
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
      String verdict;
      if (cause != null) {
        verdict =
            incident.namesCause(cause)
                ? " [planted cause named first]"
                : " [planted cause: " + cause.change() + "]";
      } else {
        verdict = planted.isEmpty() ? "" : " [noise: " + incident.noiseClass(truth.noise()) + "]";
      }
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
          verdict);
    }
    if (incidents.size() > MAX_LINES) {
      out.println("  ... and " + (incidents.size() - MAX_LINES) + " more");
    }
    if (!planted.isEmpty()) {
      Evaluation e = evaluate(truth);
      out.printf(
          "correlation: %d of %d planted incidents found, top suspect right for %d of %d;"
              + " %d of %d incidents match nothing planted%n",
          e.found(),
          e.planted(),
          e.topSuspectRight(),
          e.found(),
          e.falseIncidents(),
          e.incidents());
      out.printf(
          "false incidents: %.2f per service-day (%d in %.2f service-days)%s%n",
          e.falsePerServiceDay(),
          e.falseIncidents(),
          e.serviceDays(),
          e.falseByNoise().isEmpty()
              ? ""
              : e.falseByNoise().entrySet().stream()
                  .map(c -> c.getKey() + " " + c.getValue())
                  .collect(Collectors.joining(", ", ": ", "")));
      if (e.found() > 0) {
        out.printf(
            "detection delay: median %.1f min, max %.1f min%n",
            e.medianDelayMinutes(), e.maxDelayMinutes());
      }
    }
  }
}
