package io.logpulse.eventbridge;

import io.logpulse.common.AsyncRequests;
import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Incident;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Publishes incident steps to an EventBridge bus, on Flink's async sink framework: a PutEvents
 * request as soon as {@link PutEventsLimits#MAX_ENTRIES} entries are buffered (or {@link
 * PutEventsLimits#MAX_REQUEST_BYTES}, or {@value #MAX_TIME_IN_BUFFER_MS} ms have passed), at most
 * {@link EventBridgeSettings#maxInFlight()} requests in flight with backpressure beyond, and the
 * entries not yet acknowledged in checkpoints. What happens to failed requests and entries is
 * {@link EventBridgePublisher}'s. At least once: entries sent after the last checkpoint are sent
 * again after a restart; consumers keep the highest revision per incident id.
 */
final class EventBridgeSink extends AsyncSinkBase<Incident, IncidentEntry> {

  private static final long MAX_TIME_IN_BUFFER_MS = 500;

  private final EventBridgeSettings settings;

  EventBridgeSink(EventBridgeSettings settings) {
    super(
        new IncidentEntryConverter(),
        PutEventsLimits.MAX_ENTRIES,
        settings.maxInFlight(),
        Math.max(100, 2 * PutEventsLimits.MAX_ENTRIES * settings.maxInFlight()),
        PutEventsLimits.MAX_REQUEST_BYTES,
        MAX_TIME_IN_BUFFER_MS,
        PutEventsLimits.MAX_ENTRY_BYTES);
    this.settings = settings;
  }

  @Override
  public StatefulSinkWriter<Incident, BufferedRequestState<IncidentEntry>> createWriter(
      WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<Incident, BufferedRequestState<IncidentEntry>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<IncidentEntry>> state) {
    return new Writer(this, context, state);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<IncidentEntry>> getWriterStateSerializer() {
    return new StateSerializer();
  }

  /** Publishes each batch the framework hands over on a pool of {@code maxInFlight} threads. */
  static final class Writer extends AsyncSinkWriter<Incident, IncidentEntry> {
    private final EventBridgePublisher publisher;
    private final ExecutorService pool;

    Writer(
        EventBridgeSink sink,
        WriterInitContext context,
        Collection<BufferedRequestState<IncidentEntry>> state) {
      super(
          sink.getElementConverter(),
          context,
          AsyncSinkWriterConfiguration.builder()
              .setMaxBatchSize(sink.getMaxBatchSize())
              .setMaxBatchSizeInBytes(sink.getMaxBatchSizeInBytes())
              .setMaxInFlightRequests(sink.getMaxInFlightRequests())
              .setMaxBufferedRequests(sink.getMaxBufferedRequests())
              .setMaxTimeInBufferMS(sink.getMaxTimeInBufferMS())
              .setMaxRecordSizeInBytes(sink.getMaxRecordSizeInBytes())
              .build(),
          state);
      this.publisher =
          new EventBridgePublisher(
              sink.settings,
              EventBridgeClients.create(sink.settings),
              new JobMetrics(context.metricGroup()));
      this.pool = Executors.newFixedThreadPool(sink.settings.maxInFlight());
    }

    @Override
    protected void submitRequestEntries(
        List<IncidentEntry> entries, ResultHandler<IncidentEntry> result) {
      AsyncRequests.submit(pool, () -> publisher.publish(entries), result);
    }

    @Override
    protected long getSizeInBytes(IncidentEntry entry) {
      return entry.sizeInBytes();
    }

    @Override
    public void close() {
      super.close();
      pool.shutdownNow();
      publisher.close();
    }
  }

  /** Buffered entries in checkpoints, in {@link IncidentEntry}'s binary form. */
  static final class StateSerializer extends AsyncSinkWriterStateSerializer<IncidentEntry> {
    @Override
    protected void serializeRequestToStream(IncidentEntry entry, DataOutputStream out)
        throws IOException {
      entry.write(out);
    }

    @Override
    protected IncidentEntry deserializeRequestFromStream(long size, DataInputStream in)
        throws IOException {
      return IncidentEntry.read(in);
    }

    @Override
    public int getVersion() {
      return 1;
    }
  }
}
