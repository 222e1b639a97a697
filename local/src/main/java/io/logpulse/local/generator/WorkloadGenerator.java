package io.logpulse.local.generator;

import io.logpulse.schema.SourceRecord;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The embedded synthetic workload: Kinesis records carrying CloudWatch Logs subscription envelopes
 * from a simulated estate of 17 log streams in three accounts (ECS JSON, Lambda, API Gateway,
 * nginx, plain text and CloudTrail), with a daily load curve, Poisson noise, heavy-tailed
 * latencies, seeded incidents with the CloudTrail changes that cause them and decoy changes around
 * them (see {@link BurstPlanner}), a fleet's normal noise (latency blips, single errors, traffic
 * surges, harmless changes: see {@link NoisePlanner}), and a few late, very late, corrupt and
 * control records.
 *
 * <p>Record {@code index} belongs to tick {@code index / streams} and log stream {@code index %
 * streams}. Each record is a pure function of the settings and its index, drawn from its own random
 * source seeded with both, so any range of indexes can be generated in any order, in parallel, and
 * always yields the same bytes.
 *
 * <p>A CloudTrail record delivers the planted changes of its account whose delivery time falls in
 * its tick, timestamped when they were made; those records are always on time and intact, so that
 * no planted change is lost to the generator's own misbehaviour.
 */
public final class WorkloadGenerator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Upper bound on log events per envelope, which keeps envelopes far below Kinesis' 1 MB. */
  static final int MAX_EVENTS_PER_RECORD = 400;

  /** The Kinesis stream name records claim to come from. */
  static final String STREAM_NAME = "generator";

  private static final long TOO_LATE_MILLIS = 2 * 3_600_000L;

  private final GeneratorSettings settings;
  private final List<LogStreamSpec> streams;
  private final List<Incident> incidents;
  private final NoisePlanner.Plan noise;
  private final NoiseEvent[][] effectsByStream;
  private final boolean[] quietStreams;
  private final double serviceDays;
  private final Map<Long, List<PlantedChange>> changesByRecord;
  private final long startMillis;
  private final long tickMillis;
  private final long ticks;
  private transient ThreadLocal<Scratch> scratch;

  public WorkloadGenerator(GeneratorSettings settings) {
    this.settings = settings.validated();
    this.streams = Estate.streams(settings.start());
    this.startMillis = settings.start().toEpochMilli();
    this.tickMillis = settings.tick().toMillis();
    this.ticks = settings.duration().toMillis() / tickMillis;
    this.incidents =
        BurstPlanner.plan(
            new SplittableRandom(mix(settings.seed(), -1)), settings.start(), settings.duration());
    this.noise =
        NoisePlanner.plan(
            new SplittableRandom(mix(settings.seed(), -2)),
            streams,
            settings.start(),
            settings.duration(),
            incidents);
    this.effectsByStream = new NoiseEvent[streams.size()][];
    this.quietStreams = new boolean[streams.size()];
    List<NoisePlanner.Service> services = NoisePlanner.services(streams);
    for (int i = 0; i < streams.size(); i++) {
      LogStreamSpec stream = streams.get(i);
      effectsByStream[i] =
          noise.events().stream()
              .filter(e -> e.kind() != NoiseEvent.Kind.HARMLESS_CHANGE)
              .filter(e -> e.account().equals(stream.account()))
              .filter(e -> e.service().equals(stream.service()))
              .toArray(NoiseEvent[]::new);
      quietStreams[i] =
          services.stream()
              .anyMatch(
                  s ->
                      s.quiet()
                          && s.account().equals(stream.account())
                          && s.service().equals(stream.service()));
    }
    this.serviceDays = services.size() * settings.duration().toMillis() / 86_400_000d;
    this.changesByRecord = changesByRecord();
  }

  public GeneratorSettings settings() {
    return settings;
  }

  /** Records in the run: ticks × log streams. */
  public long recordCount() {
    return ticks * streams.size();
  }

  /** The number of simulated log streams; each tick has one record per stream. */
  public int streamCount() {
    return streams.size();
  }

  /**
   * The start of the tick record {@code index} belongs to. An on-time record's events fall within
   * {@code [simulatedTime, simulatedTime + tick)}, minus the delivery lag of CloudTrail streams.
   */
  public Instant simulatedTime(long index) {
    checkIndex(index);
    return Instant.ofEpochMilli(startMillis + index / streams.size() * tickMillis);
  }

  /** The planted incidents, in start order. */
  public List<Incident> plannedIncidents() {
    return incidents;
  }

  /** The planted noise events, in start order. */
  public List<NoiseEvent> plannedNoise() {
    return noise.events();
  }

  /** The harmless changes among the noise, as CloudTrail records them. */
  List<PlantedChange> harmlessChanges() {
    return noise.changes();
  }

  /** Everything planted, with the run's service-days, to evaluate a run against. */
  public GroundTruth groundTruth() {
    return new GroundTruth(incidents, noise.events(), serviceDays);
  }

  /** What record {@code index} is meant to be: its payload kind and lateness. */
  public RecordPlan plan(long index) {
    checkIndex(index);
    return drawPlan(index, new SplittableRandom(mix(settings.seed(), index)));
  }

  /** The record at {@code index}, in {@code [0, recordCount())}. */
  public SourceRecord record(long index) {
    checkIndex(index);
    SplittableRandom rng = new SplittableRandom(mix(settings.seed(), index));
    RecordPlan plan = drawPlan(index, rng);
    int streamIndex = (int) (index % streams.size());
    LogStreamSpec stream = streams.get(streamIndex);
    long tickEnd = startMillis + (index / streams.size() + 1) * tickMillis;
    long deliveryDelay = 200 + (long) (2_800 * Math.pow(rng.nextDouble(), 2));
    Scratch local = scratch();
    EnvelopeWriter writer = local.writer;

    byte[] data;
    if (plan.kind() == RecordPlan.Kind.CONTROL) {
      writer.writeControl(tickEnd - 1 - rng.nextLong(tickMillis));
      data = writer.gzipped();
    } else {
      writeData(index, stream, tickEnd - plan.shiftMillis(), rng, local);
      data =
          switch (plan.kind()) {
            case NOT_GZIP -> writer.plain();
            case INVALID_JSON ->
                writer.gzipPrefix(writer.jsonLength() / 2 + rng.nextInt(writer.jsonLength() / 2));
            case TRUNCATED_GZIP -> {
              byte[] full = writer.gzipped();
              yield Arrays.copyOf(full, 10 + rng.nextInt(full.length - 18));
            }
            default -> writer.gzipped();
          };
    }
    StringBuilder sequence = new StringBuilder(56).append("49");
    Text.pad(sequence, index, 54);
    return SourceRecord.newBuilder()
        .setData(ByteBuffer.wrap(data))
        .setArrivalTime(tickEnd + deliveryDelay)
        .setStream(STREAM_NAME)
        .setShardId("shardId-00000000000" + (streamIndex % 4))
        .setSequenceNumber(sequence.toString())
        .setReadError(null)
        .build();
  }

  private void writeData(
      long index, LogStreamSpec stream, long shiftedTickEnd, SplittableRandom rng, Scratch local) {
    long windowEnd = shiftedTickEnd - stream.deliveryLagMillis();
    long windowStart = windowEnd - tickMillis;
    EnvelopeWriter writer = local.writer;
    writer.startData(index, rng.nextLong(), stream.owner(), stream.logGroup(), stream.logStream());

    LogProfile profile = stream.profile();
    int streamIndex = (int) (index % streams.size());
    NoiseEvent[] effects = effectsByStream[streamIndex];
    long middle = windowStart + tickMillis / 2;
    double mean =
        stream.unitsPerSecond()
            * tickMillis
            / 1000d
            * Traffic.diurnal(middle)
            * settings.trafficScale()
            * surge(effects, middle);
    int maxUnits = MAX_EVENTS_PER_RECORD / profile.maxEventsPerUnit();
    int units = Math.max(1, Math.min(maxUnits, Traffic.poisson(rng, mean)));
    long[] times = local.times(units);
    for (int i = 0; i < units; i++) {
      times[i] = windowStart + rng.nextLong(tickMillis);
    }
    Arrays.sort(times, 0, units);

    Unit unit = local.unit;
    unit.rng = rng;
    unit.stream = stream;
    unit.windowEnd = windowEnd;
    unit.quiet = quietStreams[streamIndex];
    NoiseEvent blip = null;
    boolean singleError = false;
    for (NoiseEvent effect : effects) {
      if (effect.start().toEpochMilli() < windowEnd && effect.end().toEpochMilli() > windowStart) {
        if (effect.kind() == NoiseEvent.Kind.LATENCY_BLIP) {
          blip = effect;
        } else if (effect.kind() == NoiseEvent.Kind.SINGLE_ERROR) {
          singleError |= effect.start().toEpochMilli() >= windowStart;
        }
      }
    }
    List<PlantedChange> changes = changesByRecord.getOrDefault(index, List.of());
    int nextChange = 0;
    for (int i = 0; i < units; i++) {
      unit.timestamp = times[i];
      nextChange = writeChanges(changes, nextChange, times[i], unit, profile, writer);
      unit.burst = burstAt(stream, times[i]);
      unit.blip = blip != null && blip.covers(times[i]) ? blip : null;
      unit.forceError = singleError && i == 0;
      profile.write(unit, writer);
    }
    writeChanges(changes, nextChange, Long.MAX_VALUE, unit, profile, writer);
    writer.finish();
  }

  /**
   * Writes the record's planted changes from {@code next} on that were made before {@code until},
   * keeping the events in time order; returns the index of the first one not written.
   */
  private static int writeChanges(
      List<PlantedChange> changes,
      int next,
      long until,
      Unit unit,
      LogProfile profile,
      EnvelopeWriter out) {
    int i = next;
    while (i < changes.size() && changes.get(i).time().toEpochMilli() < until) {
      ((CloudTrailProfile) profile).writeChange(changes.get(i++), unit, out);
    }
    return i;
  }

  /** The traffic factor of the surge on at {@code time}, or 1. */
  private static double surge(NoiseEvent[] effects, long time) {
    for (NoiseEvent effect : effects) {
      if (effect.kind() == NoiseEvent.Kind.TRAFFIC_SURGE && effect.covers(time)) {
        return effect.size();
      }
    }
    return 1;
  }

  /**
   * Every planted change (causes, decoys and harmless changes) under the index of the CloudTrail
   * record that delivers it: its account's stream, in the tick its delivery time falls in; in time
   * order.
   */
  private Map<Long, List<PlantedChange>> changesByRecord() {
    Map<Long, List<PlantedChange>> byRecord = new HashMap<>();
    List<PlantedChange> changes = new ArrayList<>(noise.changes());
    for (Incident incident : incidents) {
      changes.addAll(incident.decoys());
      if (incident.plantedChange() != null) {
        changes.add(incident.plantedChange());
      }
    }
    for (PlantedChange change : changes) {
      long tick = Math.floorDiv(change.delivered().toEpochMilli() - startMillis, tickMillis);
      if (tick < 0 || tick >= ticks) {
        continue;
      }
      for (int stream = 0; stream < streams.size(); stream++) {
        LogStreamSpec spec = streams.get(stream);
        if (spec.profile() instanceof CloudTrailProfile
            && spec.account().equals(change.account())) {
          byRecord
              .computeIfAbsent(tick * streams.size() + stream, k -> new ArrayList<>())
              .add(change);
        }
      }
    }
    byRecord.replaceAll(
        (index, planted) ->
            planted.stream().sorted(Comparator.comparing(PlantedChange::time)).toList());
    return byRecord;
  }

  private Incident burstAt(LogStreamSpec stream, long time) {
    for (Incident burst : incidents) {
      if (burst.covers(time)
          && burst.service().equals(stream.service())
          && burst.account().equals(stream.account())) {
        return burst;
      }
    }
    return null;
  }

  /** The record's plan; one that delivers planted changes is always intact and on time. */
  private RecordPlan drawPlan(long index, SplittableRandom rng) {
    double kind = rng.nextDouble();
    double late = rng.nextDouble();
    double corrupt = settings.corruptFraction();
    RecordPlan.Kind payload;
    if (kind < corrupt) {
      payload =
          RecordPlan.Kind.values()[
              RecordPlan.Kind.TRUNCATED_GZIP.ordinal() + (int) (kind / corrupt * 3)];
    } else if (kind < corrupt + settings.controlMessageFraction()) {
      payload = RecordPlan.Kind.CONTROL;
    } else {
      payload = RecordPlan.Kind.DATA;
    }
    long lateShift = 60_000L + rng.nextLong(180_000L);
    if (changesByRecord.containsKey(index)) {
      return new RecordPlan(RecordPlan.Kind.DATA, RecordPlan.Lateness.ON_TIME, 0);
    }
    if (late < settings.tooLateFraction()) {
      return new RecordPlan(payload, RecordPlan.Lateness.TOO_LATE, TOO_LATE_MILLIS);
    }
    if (late < settings.tooLateFraction() + settings.lateFraction()) {
      return new RecordPlan(payload, RecordPlan.Lateness.LATE, lateShift);
    }
    return new RecordPlan(payload, RecordPlan.Lateness.ON_TIME, 0);
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= recordCount()) {
      throw new IndexOutOfBoundsException(
          "record index " + index + " outside [0, " + recordCount() + ")");
    }
  }

  private Scratch scratch() {
    ThreadLocal<Scratch> local = scratch;
    if (local == null) {
      local = ThreadLocal.withInitial(Scratch::new);
      scratch = local;
    }
    return local.get();
  }

  /** A 64-bit hash of seed and index (SplitMix64 finalizer), seeding one record's randomness. */
  static long mix(long seed, long index) {
    long z = fmix(seed) ^ (index * 0x9E3779B97F4A7C15L);
    return fmix(z + 0x632BE59BD9B4E019L);
  }

  private static long fmix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Per-thread reusable state: the envelope writer, the unit and the timestamp array. */
  private static final class Scratch {
    final EnvelopeWriter writer = new EnvelopeWriter();
    final Unit unit = new Unit();
    private long[] times = new long[MAX_EVENTS_PER_RECORD];

    long[] times(int count) {
      if (times.length < count) {
        times = new long[count];
      }
      return times;
    }
  }
}
