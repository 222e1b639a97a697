package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.config.KinesisOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.schema.SourceRecord;
import io.logpulse.testing.FaultInjectingProxy;
import io.logpulse.testing.KinesisLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kinesis source through faults, against kinesis-local: large records are read completely with
 * the default settings; a GetRecords answer stalled past the request timeout is asked again with a
 * smaller batch and counted; server errors are ridden out and counted; a stream that is deleted
 * while read, or never existed, fails the job at once, named, without restarts, although the job
 * has a restart strategy.
 */
// A separate thread, so that a read that never ends (the reader retries a wedged server forever)
// fails the test rather than hanging it: the collect iterator swallows interrupts.
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KinesisFaultsITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();

  /** The source's metrics, kept after each job ends. */
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(METRICS.addToConfiguration(new Configuration()))
              .build());

  private static final Pattern LIMIT = Pattern.compile("\"Limit\":(\\d+)");
  private static final AtomicInteger STREAMS = new AtomicInteger();
  private static KinesisStreams streams;

  @BeforeAll
  static void connect() {
    streams = new KinesisStreams(KINESIS.client());
  }

  private static String newStream(int shards) throws InterruptedException {
    String name = "faults-it-" + STREAMS.incrementAndGet();
    streams.create(name, shards);
    return name;
  }

  /** The source settings of {@code logpulse run} with only the stream and position set. */
  private static KinesisSourceSettings configured(String stream, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put(KinesisOptions.STREAMS.name(), stream);
    values.putIfAbsent(KinesisOptions.ENDPOINT.name(), KINESIS.endpoint());
    values.put(KinesisOptions.START_POSITION.name(), "trim-horizon");
    values.putIfAbsent(KinesisOptions.BOUNDED.name(), "true");
    return KinesisOptions.settings(LogpulseConfig.of(values, KinesisOptions.ALL));
  }

  /** A job reading the source, with a restart strategy that would retry a failure endlessly. */
  private static Run start(KinesisSourceSettings settings) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
        Duration.ofMillis(200));
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
        Duration.ofSeconds(1));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    CloseableIterator<String> records =
        env.fromSource(
                new KinesisSource<>(settings, new SequenceNumbers()),
                WatermarkStrategy.noWatermarks(),
                "kinesis")
            .collectAsync();
    return new Run(env.executeAsync("kinesis faults"), records);
  }

  /** A running job and what it reads. */
  private record Run(JobClient job, CloseableIterator<String> records) {
    List<String> readAll() throws Exception {
      List<String> read = new ArrayList<>();
      records.forEachRemaining(read::add);
      job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
      return read;
    }
  }

  /** A counter of the source (group kinesisanalytics), summed over the job's shards. */
  private static long counter(JobClient job, String name) {
    String jobId = job.getJobID().toString();
    return METRICS.getMetricsByGroup().entrySet().stream()
        .filter(group -> jobId.equals(group.getKey().getAllVariables().get("<job_id>")))
        .map(group -> group.getValue().get(name))
        .filter(Counter.class::isInstance)
        .mapToLong(counter -> ((Counter) counter).getCount())
        .sum();
  }

  @Test
  void largeRecordsAreReadCompletelyWithTheDefaultSettings() throws Exception {
    String stream = newStream(2);
    long putStarted = System.nanoTime();
    int put = LargeRecords.put(KINESIS.client(), stream, 1000);
    long started = System.nanoTime();

    Run run = start(configured(stream, Map.of()));
    List<String> read = run.readAll();

    System.out.printf(
        "KinesisFaultsITCase: put %,d large records (%,d bytes read) in %.1f s, read them in %.1f"
            + " s, %d GetRecords timed out%n",
        put,
        counter(run.job(), "bytesRead"),
        (started - putStarted) / 1e9,
        (System.nanoTime() - started) / 1e9,
        counter(run.job(), "timedOutCalls"));
    assertThat(read).doesNotHaveDuplicates().hasSize(put);
  }

  @Test
  void aGetRecordsStalledPastTheTimeoutIsAskedAgainForFewerRecords() throws Exception {
    String stream = newStream(2);
    List<String> put = streams.put(stream, 20, 0, 30);

    try (FaultInjectingProxy proxy = new FaultInjectingProxy(KINESIS.endpoint())) {
      // A server that cannot answer more than 100 records in time.
      proxy.stallJsonCalls("GetRecords", body -> limit(body) > 100, Duration.ofSeconds(3));
      Run run =
          start(
              configured(
                  stream,
                  Map.of(
                      KinesisOptions.ENDPOINT.name(), proxy.endpoint(),
                      KinesisOptions.CBOR.name(), "false",
                      KinesisOptions.REQUEST_TIMEOUT.name(), "1s")));
      List<String> read = run.readAll();

      assertThat(read).doesNotHaveDuplicates().hasSize(put.size());
      assertThat(proxy.stalled()).isPositive();
      assertThat(counter(run.job(), "timedOutCalls")).isGreaterThanOrEqualTo(proxy.stalled());
      assertThat(counter(run.job(), "recordsRead")).isEqualTo(put.size());
    }
  }

  @Test
  void serverErrorsAreRiddenOutAndCounted() throws Exception {
    String stream = newStream(2);
    List<String> put = streams.put(stream, 20, 0, 30);

    try (FaultInjectingProxy proxy = new FaultInjectingProxy(KINESIS.endpoint())) {
      proxy.failJsonCalls("GetRecords", call -> call % 3 != 1, 500, "InternalFailure");
      Run run =
          start(
              configured(
                  stream,
                  Map.of(
                      KinesisOptions.ENDPOINT.name(), proxy.endpoint(),
                      KinesisOptions.CBOR.name(), "false",
                      KinesisOptions.MAX_RECORDS.name(), "50")));
      List<String> read = run.readAll();

      assertThat(read).doesNotHaveDuplicates().hasSize(put.size());
      assertThat(counter(run.job(), "transientErrors")).isEqualTo(proxy.failed()).isPositive();
    }
  }

  @Test
  void aStreamDeletedWhileReadFailsTheJobAtOnceNamingItWithoutRestarts(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    String stream = newStream(2);
    streams.put(stream, 20, 0, 10);
    // Shard discovery waits, so that the reader meets the deleted stream first.
    Run run =
        start(
            configured(
                stream,
                Map.of(
                    KinesisOptions.BOUNDED.name(), "false",
                    KinesisOptions.DISCOVERY_INTERVAL.name(), "1h")));
    run.records().next();

    KINESIS.client().deleteStream(r -> r.streamName(stream));
    long deleted = System.nanoTime();

    assertFailsWithoutRestarts(run, cluster, stream, "shardId-");
    assertThat(Duration.ofNanos(System.nanoTime() - deleted)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aStreamThatDoesNotExistFailsTheJobAtOnceWithoutRestarts(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    long started = System.nanoTime();
    Run run = start(configured("no-such-stream", Map.of()));

    assertFailsWithoutRestarts(run, cluster, "no-such-stream", "cannot list the shards");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  private static void assertFailsWithoutRestarts(
      Run run, MiniCluster cluster, String stream, String named) throws Exception {
    assertThatThrownBy(() -> run.job().getJobExecutionResult().get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(
            failure -> {
              assertThat(ExceptionUtils.findThrowable(failure, SuppressRestartsException.class))
                  .isPresent();
              assertThat(ExceptionUtils.stringifyException(failure)).contains(stream, named);
            });
    assertThat(
            cluster
                .getArchivedExecutionGraph(run.job().getJobID())
                .get()
                .getStatusTimestamp(JobStatus.RESTARTING))
        .as("the job never restarted")
        .isZero();
    run.records().close();
  }

  private static int limit(String getRecordsBody) {
    Matcher limit = LIMIT.matcher(getRecordsBody);
    return limit.find() ? Integer.parseInt(limit.group(1)) : Integer.MAX_VALUE;
  }

  /** Emits each record's shard and sequence number, which identify it. */
  private static final class SequenceNumbers implements KinesisRecordDeserializer<String> {
    @Override
    public void deserialize(SourceRecord record, Collector<String> out) {
      out.collect(record.getShardId() + "/" + record.getSequenceNumber());
    }

    @Override
    public TypeInformation<String> producedType() {
      return Types.STRING;
    }
  }
}
