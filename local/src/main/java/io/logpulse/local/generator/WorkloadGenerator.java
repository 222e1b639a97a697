package io.logpulse.local.generator;

import io.logpulse.schema.SourceRecord;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded synthetic workload: Kinesis records carrying CloudWatch Logs subscription envelopes
 * from a simulated estate of 16 log streams in three accounts (ECS JSON, Lambda, API Gateway,
 * nginx, plain text and CloudTrail), with a daily load curve, Poisson noise, heavy-tailed
 * latencies, seeded error bursts, and a few late, very late, corrupt and control records.
 *
 * <p>Record {@code index} belongs to tick {@code index / streams} and log stream {@code index %
 * streams}. Each record is a pure function of the settings and its index, drawn from its own random
 * source seeded with both, so any range of indexes can be generated in any order, in parallel, and
 * always yields the same bytes.
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
  private final List<Incident> bursts;
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
    this.bursts =
        BurstPlanner.plan(
            new SplittableRandom(mix(settings.seed(), -1)),
            settings.start(),
            settings.duration(),
            streams);
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

  /** The injected error bursts, in start order. */
  public List<Incident> plannedErrorBursts() {
    return bursts;
  }

  /** What record {@code index} is meant to be: its payload kind and lateness. */
  public RecordPlan plan(long index) {
    checkIndex(index);
    return drawPlan(new SplittableRandom(mix(settings.seed(), index)));
  }

  /** The record at {@code index}, in {@code [0, recordCount())}. */
  public SourceRecord record(long index) {
    checkIndex(index);
    SplittableRandom rng = new SplittableRandom(mix(settings.seed(), index));
    RecordPlan plan = drawPlan(rng);
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
    double mean =
        stream.unitsPerSecond()
            * tickMillis
            / 1000d
            * Traffic.diurnal(windowStart + tickMillis / 2)
            * settings.trafficScale();
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
    CloudTrailProfile trail = profile instanceof CloudTrailProfile ct ? ct : null;
    int nextChange = 0;
    for (int i = 0; i < units; i++) {
      unit.timestamp = times[i];
      if (trail != null) {
        nextChange = writeChanges(trail, unit, windowStart, times[i], nextChange, writer);
      }
      unit.burst = burstAt(stream, times[i]);
      profile.write(unit, writer);
    }
    if (trail != null) {
      writeChanges(trail, unit, windowStart, windowEnd, nextChange, writer);
    }
    writer.finish();
  }

  /** Writes planned changes of the stream's account in [from, until), skipping {@code done}. */
  private int writeChanges(
      CloudTrailProfile trail, Unit unit, long from, long until, int done, EnvelopeWriter out) {
    int written = 0;
    for (Incident burst : bursts) {
      long at = burst.changeTime().toEpochMilli();
      if (burst.account().equals(unit.stream.account()) && at >= from && at < until) {
        if (written++ >= done) {
          trail.writeChange(burst, unit, out);
        }
      }
    }
    return written;
  }

  private Incident burstAt(LogStreamSpec stream, long time) {
    for (Incident burst : bursts) {
      if (burst.covers(time)
          && burst.service().equals(stream.service())
          && burst.account().equals(stream.account())) {
        return burst;
      }
    }
    return null;
  }

  private RecordPlan drawPlan(SplittableRandom rng) {
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
