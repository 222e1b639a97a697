package io.logpulse.eventbridge;

import io.logpulse.aws.AwsAsyncSink;
import io.logpulse.aws.AwsAsyncWriter;
import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Incident;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Publishes incident steps to an EventBridge bus, on the AWS async sink base: a PutEvents request
 * as soon as {@link PutEventsLimits#MAX_ENTRIES} entries are buffered (or {@link
 * PutEventsLimits#MAX_REQUEST_BYTES}, or {@value #MAX_TIME_IN_BUFFER_MS} ms have passed), at most
 * {@link EventBridgeSettings#maxInFlight()} requests in flight with backpressure beyond, and the
 * entries not yet acknowledged in checkpoints. What happens to failed requests and entries is
 * {@link EventBridgePublisher}'s. At least once: entries sent after the last checkpoint are sent
 * again after a restart; consumers keep the highest revision per incident id.
 */
final class EventBridgeSink extends AwsAsyncSink<Incident, IncidentEntry> {

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
  protected AwsAsyncWriter<Incident, IncidentEntry> writer(
      WriterInitContext context, Collection<BufferedRequestState<IncidentEntry>> state) {
    return new Writer(this, context, state);
  }

  @Override
  protected void writeEntry(IncidentEntry entry, DataOutputStream out) throws IOException {
    entry.write(out);
  }

  @Override
  protected IncidentEntry readEntry(DataInputStream in) throws IOException {
    return IncidentEntry.read(in);
  }

  /** Publishes each batch as one PutEvents request. */
  static final class Writer extends AwsAsyncWriter<Incident, IncidentEntry> {
    private final EventBridgePublisher publisher;

    Writer(
        EventBridgeSink sink,
        WriterInitContext context,
        Collection<BufferedRequestState<IncidentEntry>> state) {
      super(sink, context, state);
      this.publisher =
          new EventBridgePublisher(
              sink.settings,
              EventBridgeClients.create(sink.settings),
              new JobMetrics(context.metricGroup()));
    }

    @Override
    protected List<IncidentEntry> send(List<IncidentEntry> entries) throws InterruptedException {
      return publisher.publish(entries);
    }

    @Override
    protected long getSizeInBytes(IncidentEntry entry) {
      return entry.sizeInBytes();
    }

    @Override
    protected void closeClient() {
      publisher.close();
    }
  }
}
