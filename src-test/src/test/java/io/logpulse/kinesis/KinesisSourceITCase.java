package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.testing.FaultInjectingProxy;
import io.logpulse.testing.KinesisLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kinesis source against kinesis-local (kinesis-mock, real Kinesis wire protocol): polling and
 * enhanced fan-out read every record exactly once, resharding during a read loses and duplicates
 * nothing and keeps each key's records in order, and throttling is survived.
 */
@Timeout(180)
class KinesisSourceITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();

  private static final AtomicInteger STREAMS = new AtomicInteger();
  private static KinesisStreams streams;

  @BeforeAll
  static void connect() {
    streams = new KinesisStreams(KINESIS.client());
  }

  private static String newStream(int shards) throws InterruptedException {
    String name = "logpulse-it-" + STREAMS.incrementAndGet();
    streams.create(name, shards);
    return name;
  }

  private static KinesisSourceSettings settings(
      String stream, String endpoint, KinesisSourceSettings.ReaderType reader, boolean bounded) {
    return new KinesisSourceSettings(
        List.of(stream),
        "us-east-1",
        endpoint,
        false,
        reader,
        StartPosition.trimHorizon(),
        bounded,
        null,
        "logpulse-it",
        null,
        Duration.ofMillis(500),
        10_000,
        Duration.ofMillis(200),
        Duration.ofMillis(300),
        Duration.ofSeconds(10));
  }

  private static List<String> readBounded(KinesisSourceSettings settings) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<String> read = new ArrayList<>();
    try (CloseableIterator<String> records =
        env.fromSource(
                new KinesisSource<>(settings, new RecordDataDeserializer()),
                WatermarkStrategy.noWatermarks(),
                "kinesis")
            .executeAndCollect()) {
      records.forEachRemaining(read::add);
    }
    return read;
  }

  private static void assertExactlyOnceInKeyOrder(List<String> read, List<String> put) {
    assertThat(read).containsExactlyInAnyOrderElementsOf(put);
    Map<String, List<Integer>> byKey = KinesisStreams.byKey(read);
    byKey.forEach((key, numbers) -> assertThat(numbers).as(key).isSorted());
  }

  @Test
  void pollingReadsEveryRecordOfAMultiShardStreamExactlyOnce() throws Exception {
    String stream = newStream(4);
    List<String> put = streams.put(stream, 40, 0, 50);

    List<String> read =
        readBounded(
            settings(stream, KINESIS.endpoint(), KinesisSourceSettings.ReaderType.POLLING, true));

    assertExactlyOnceInKeyOrder(read, put);
  }

  @Test
  void enhancedFanOutReadsEveryRecordExactlyOnce() throws Exception {
    String stream = newStream(3);
    List<String> put = streams.put(stream, 30, 0, 40);

    List<String> read =
        readBounded(
            settings(stream, KINESIS.endpoint(), KinesisSourceSettings.ReaderType.EFO, true));

    assertExactlyOnceInKeyOrder(read, put);
  }

  @Test
  void splitAndMergeDuringTheReadLoseNothingAndKeepParentsBeforeChildren() throws Exception {
    String stream = newStream(3);
    List<String> put = new ArrayList<>(streams.put(stream, 30, 0, 20));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<String> read = new ArrayList<>();
    try (CloseableIterator<String> records =
        env.fromSource(
                new KinesisSource<>(
                    settings(
                        stream,
                        KINESIS.endpoint(),
                        KinesisSourceSettings.ReaderType.POLLING,
                        false),
                    new RecordDataDeserializer()),
                WatermarkStrategy.noWatermarks(),
                "kinesis")
            .executeAndCollect()) {
      while (read.size() < 200) {
        read.add(records.next());
      }
      streams.split(stream, streams.openShards(stream).get(0));
      put.addAll(streams.put(stream, 30, 20, 10));
      streams.mergeAdjacent(stream);
      put.addAll(streams.put(stream, 30, 30, 10));
      while (read.size() < put.size()) {
        read.add(records.next());
      }
    }

    assertExactlyOnceInKeyOrder(read, put);
    assertThat(KINESIS.client().listShards(r -> r.streamName(stream)).shards())
        .hasSizeGreaterThan(3);
  }

  @Test
  void throttledGetRecordsCallsAreRetriedWithoutLossOrDuplicates() throws Exception {
    // Every third call fails (the SDK's own retries absorb those) and bursts of five in a row
    // outlast the SDK's three attempts, so the reader's per-shard backoff must take over.
    String stream = newStream(2);
    List<String> put = streams.put(stream, 20, 0, 50);

    try (FaultInjectingProxy proxy = new FaultInjectingProxy(KINESIS.endpoint())) {
      proxy.failJsonCalls(
          "GetRecords",
          call -> call % 3 == 0 || call % 20 < 5,
          400,
          "ProvisionedThroughputExceededException");
      List<String> read =
          readBounded(
              settings(stream, proxy.endpoint(), KinesisSourceSettings.ReaderType.POLLING, true));

      assertExactlyOnceInKeyOrder(read, put);
      assertThat(proxy.failed()).isPositive();
    }
  }

  @Test
  void aBoundedReadTellsEachReaderOnceThatThereAreNoMoreSplits() throws Throwable {
    String stream = newStream(2);
    Map<Integer, Integer> told = new HashMap<>();
    try (MockSplitEnumeratorContext<KinesisShardSplit> context =
        new MockSplitEnumeratorContext<>(2) {
          @Override
          public void signalNoMoreSplits(int subtask) {
            told.merge(subtask, 1, Integer::sum);
            super.signalNoMoreSplits(subtask);
          }
        }) {
      context.registerReader(new ReaderInfo(0, "localhost"));
      context.registerReader(new ReaderInfo(1, "localhost"));
      KinesisSourceEnumerator enumerator =
          new KinesisSourceEnumerator(
              context,
              settings(stream, KINESIS.endpoint(), KinesisSourceSettings.ReaderType.POLLING, true),
              null);
      enumerator.start();
      context.runNextOneTimeCallable();
      List<String> splits =
          context.getSplitsAssignmentSequence().stream()
              .flatMap(a -> a.assignment().values().stream())
              .flatMap(List::stream)
              .map(KinesisShardSplit::splitId)
              .toList();
      assertThat(splits).hasSize(2);

      // A reader reporting its shards finished makes the enumerator look at its splits again;
      // telling a reader that has finished once more would fail the job.
      enumerator.handleSourceEvent(0, new ShardsFinishedEvent(splits.subList(0, 1)));
      enumerator.handleSourceEvent(1, new ShardsFinishedEvent(splits.subList(1, 2)));

      assertThat(told).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1, 1, 1));
      enumerator.close();
    }
  }
}
