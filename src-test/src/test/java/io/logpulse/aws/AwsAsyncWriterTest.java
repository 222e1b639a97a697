package io.logpulse.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.TestSinkInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.Test;

/**
 * The AWS async writer on Flink's async sink framework, with a sender in place of a service: it
 * sends batches of at most the sink's batch size, sends again what a request hands back until it is
 * taken, fails the job on what the sender throws, closes the client, and keeps buffered entries
 * across a checkpoint in the sink's own form.
 */
class AwsAsyncWriterTest {

  private static final int BATCH = 3;

  /** What the fake service took, the batches it was sent, and how it answers. */
  private static final class Service {
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    final List<String> taken = Collections.synchronizedList(new ArrayList<>());
    final Set<String> refuseOnce = ConcurrentHashMap.newKeySet();
    volatile RuntimeException failure;
    final AtomicInteger closed = new AtomicInteger();

    List<String> send(List<String> batch) {
      batches.add(List.copyOf(batch));
      if (failure != null) {
        throw failure;
      }
      List<String> again = new ArrayList<>();
      for (String entry : batch) {
        if (refuseOnce.remove(entry)) {
          again.add(entry);
        } else {
          taken.add(entry);
        }
      }
      return again;
    }
  }

  /** A sink of strings whose writer sends to {@link Service}. */
  private static final class FakeSink extends AwsAsyncSink<String, String> {
    private final transient Service service;

    FakeSink(Service service) {
      super(
          (ElementConverter<String, String>) (element, context) -> element,
          BATCH,
          2,
          100,
          1_000_000,
          60_000,
          1_000);
      this.service = service;
    }

    @Override
    protected AwsAsyncWriter<String, String> writer(
        WriterInitContext context, Collection<BufferedRequestState<String>> state) {
      return new AwsAsyncWriter<>(this, context, state) {
        @Override
        protected List<String> send(List<String> batch) {
          return service.send(batch);
        }

        @Override
        protected void closeClient() {
          service.closed.incrementAndGet();
        }

        @Override
        protected long getSizeInBytes(String entry) {
          return entry.length();
        }
      };
    }

    @Override
    protected void writeEntry(String entry, DataOutputStream out) throws IOException {
      out.writeUTF(entry);
    }

    @Override
    protected String readEntry(DataInputStream in) throws IOException {
      return in.readUTF();
    }
  }

  private static List<String> entries(int n) {
    return IntStream.range(0, n).mapToObj(i -> "e" + i).toList();
  }

  private static void writeAll(SinkWriter<String> writer, List<String> entries) throws Exception {
    for (String entry : entries) {
      writer.write(entry, null);
    }
  }

  @Test
  void everyEntryIsSentOnceInBatchesOfAtMostTheBatchSize() throws Exception {
    Service service = new Service();
    try (var writer = new FakeSink(service).createWriter(new TestSinkInitContext())) {
      writeAll(writer, entries(10));
      writer.flush(true);
    }

    assertThat(service.taken).containsExactlyInAnyOrderElementsOf(entries(10));
    assertThat(service.batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, BATCH));
    assertThat(service.batches.stream().filter(b -> b.size() == BATCH)).hasSize(3);
    assertThat(service.closed).hasValue(1);
  }

  @Test
  void entriesARequestHandsBackAreSentAgainUntilTaken() throws Exception {
    Service service = new Service();
    service.refuseOnce.addAll(List.of("e1", "e4", "e6"));
    try (var writer = new FakeSink(service).createWriter(new TestSinkInitContext())) {
      writeAll(writer, entries(7));
      writer.flush(true);
    }

    assertThat(service.taken).containsExactlyInAnyOrderElementsOf(entries(7));
    assertThat(service.batches.stream().flatMap(List::stream).filter("e4"::equals)).hasSize(2);
    assertThat(service.batches.stream().mapToInt(List::size).sum()).isEqualTo(7 + 3);
    assertThat(service.refuseOnce).isEmpty();
  }

  @Test
  void whatTheSenderThrowsFailsTheWriter() throws Exception {
    Service service = new Service();
    service.failure = new IllegalStateException("refused for good");
    var writer = new FakeSink(service).createWriter(new TestSinkInitContext());
    writeAll(writer, entries(BATCH));

    assertThatThrownBy(() -> writer.flush(true))
        .satisfies(
            e ->
                assertThat(e)
                    .hasStackTraceContaining("IllegalStateException")
                    .hasStackTraceContaining("refused for good"));
    assertThat(service.taken).isEmpty();
    writer.close();
    assertThat(service.closed).hasValue(1);
  }

  @Test
  void bufferedEntriesSurviveACheckpointInTheSinksForm() throws Exception {
    Service service = new Service();
    FakeSink sink = new FakeSink(service);
    SimpleVersionedSerializer<BufferedRequestState<String>> serializer =
        sink.getWriterStateSerializer();
    BufferedRequestState<String> state =
        new BufferedRequestState<>(
            entries(2).stream().map(e -> new RequestEntryWrapper<>(e, e.length())).toList());

    BufferedRequestState<String> restored =
        serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
    try (var writer = sink.restoreWriter(new TestSinkInitContext(), List.of(restored))) {
      writer.flush(true);
    }

    assertThat(restored.getBufferedRequestEntries())
        .extracting(RequestEntryWrapper::getRequestEntry)
        .containsExactly("e0", "e1");
    assertThat(service.taken).containsExactlyInAnyOrder("e0", "e1");
  }
}
