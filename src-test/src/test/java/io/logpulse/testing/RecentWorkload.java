package io.logpulse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.schema.SourceRecord;
import io.logpulse.testing.Recordings.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Six minutes of JSON request logs of two services in two accounts, starting 30 + 10 × seed minutes
 * before the test JVM loaded this class (recent enough for CloudWatch), with some records two
 * minutes late (they correct their windows). What the logs contain is counted here while they are
 * written, independently of logpulse's decoder and parser, so tests can compare the job's outputs
 * with it.
 *
 * <p>Each seed owns its time range, and tests must read back only {@link #start()} to {@link
 * #end()}: moto's GetMetricData ignores namespaces when it filters by dimensions, so tests sharing
 * a moto_server see each other's datapoints wherever their ranges meet. The ranges hang off one
 * instant per JVM rather than each workload's own "now", which let a test that started in a later
 * minute than the previous one read that test's first window as its own (one extra window, counted
 * as a double count).
 */
public final class RecentWorkload {

  /** Requests of one account, service and window, as written. */
  public static final class Expected {
    public long requests;
    public long errors;
    public double latencySum;
    public double latencyMax;
  }

  public static final List<String> ACCOUNTS = List.of("111111111111", "222222222222");
  public static final List<String> SERVICES = List.of("checkout", "inventory");

  private static final long MINUTE = 60_000L;

  private static final long WINDOWS = 6;

  /** The instant every seed's time range is counted back from, fixed once per JVM. */
  private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  /** Failures the {@link #source} injected so far. */
  public static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

  private static final AtomicBoolean FAIL_ARMED = new AtomicBoolean();

  private final long start;
  private final List<Recorded> records = new ArrayList<>();
  private final Map<String, Expected> expected = new HashMap<>();

  public RecentWorkload(long seed) {
    start = BASE.minus(Duration.ofMinutes(30 + 10 * seed)).toEpochMilli();
    SplittableRandom random = new SplittableRandom(seed);
    long id = 1;
    for (long tick = start; tick < start + WINDOWS * MINUTE; tick += 5_000L) {
      long delay = random.nextInt(12) == 0 ? 2 * MINUTE : random.nextInt(3_000);
      for (String account : ACCOUNTS) {
        for (String service : SERVICES) {
          ObjectNode envelope = Envelopes.data(account, "/ecs/" + service, "ecs/" + service + "/1");
          for (int i = 0; i < 4; i++) {
            long t = tick + random.nextInt(5_000);
            int status = random.nextInt(100) < 7 ? 503 : 200;
            double latency = 2 + random.nextInt(400) + random.nextInt(100) / 100.0;
            Envelopes.event(
                envelope,
                Long.toString(id++),
                t,
                "{\"level\":\""
                    + (status >= 500 ? "ERROR" : "INFO")
                    + "\",\"method\":\"GET\",\"path\":\"/items/"
                    + random.nextInt(50)
                    + "\",\"status\":"
                    + status
                    + ",\"latency_ms\":"
                    + latency
                    + "}");
            Expected window =
                expected.computeIfAbsent(
                    key(account, service, t - t % MINUTE), k -> new Expected());
            window.requests++;
            window.errors += status >= 500 ? 1 : 0;
            window.latencySum += latency;
            window.latencyMax = Math.max(window.latencyMax, latency);
          }
          records.add(new Recorded(Envelopes.gzip(envelope), tick + 5_000 + delay));
        }
      }
    }
    records.sort((a, b) -> Long.compare(a.arrivalMillis(), b.arrivalMillis()));
  }

  /** The key of {@link #expected()}: account/service/window start (epoch ms). */
  public static String key(String account, String service, long windowStart) {
    return account + "/" + service + "/" + windowStart;
  }

  /** What was written per account/service/window. */
  public Map<String, Expected> expected() {
    return expected;
  }

  /** What was written for one account and service (all accounts when account is null). */
  public Expected total(String account, String service) {
    Expected total = new Expected();
    expected.forEach(
        (key, window) -> {
          String[] parts = key.split("/");
          if ((account == null || parts[0].equals(account)) && parts[1].equals(service)) {
            total.requests += window.requests;
            total.errors += window.errors;
            total.latencySum += window.latencySum;
            total.latencyMax = Math.max(total.latencyMax, window.latencyMax);
          }
        });
    return total;
  }

  /** The first window's start. */
  public Instant start() {
    return Instant.ofEpochMilli(start);
  }

  /** The last window's end: every event's timestamp is before it. */
  public Instant end() {
    return Instant.ofEpochMilli(start + WINDOWS * MINUTE);
  }

  /** The records in arrival order. */
  public List<Recorded> records() {
    return records;
  }

  /**
   * A bounded source of the records at {@code perSecond}; when {@code failAt} is not negative, the
   * source fails once when it reaches that record, as a lost TaskManager would, so the job restarts
   * from its last checkpoint.
   */
  public DataGeneratorSource<SourceRecord> source(double perSecond, int failAt) {
    FAIL_ARMED.set(failAt >= 0);
    INJECTED_FAILURES.set(0);
    List<byte[]> payloads = records.stream().map(Recorded::payload).toList();
    long[] arrivals = records.stream().mapToLong(Recorded::arrivalMillis).toArray();
    return new DataGeneratorSource<>(
        new Records(new ArrayList<>(payloads), arrivals, failAt),
        records.size(),
        RateLimiterStrategy.perSecond(perSecond),
        new AvroTypeInfo<>(SourceRecord.class));
  }

  private record Records(ArrayList<byte[]> payloads, long[] arrivals, int failAt)
      implements GeneratorFunction<Long, SourceRecord> {
    @Override
    public void open(SourceReaderContext readerContext) {}

    @Override
    public SourceRecord map(Long index) {
      int i = index.intValue();
      if (i == failAt && FAIL_ARMED.compareAndSet(true, false)) {
        INJECTED_FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure at record " + i);
      }
      return Envelopes.record(payloads.get(i), arrivals[i]);
    }
  }
}
