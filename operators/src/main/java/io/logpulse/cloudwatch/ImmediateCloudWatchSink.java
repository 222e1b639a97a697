package io.logpulse.cloudwatch;

import io.logpulse.common.AsyncRequests;
import io.logpulse.common.JobMetrics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
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
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The {@link Delivery#IMMEDIATE} CloudWatch sink, on Flink's async sink framework: it publishes a
 * batch as soon as it holds 1,000 datums (or 1 MB, or has waited a second), keeps at most {@code
 * maxInFlight} requests in flight and backpressures beyond that, and checkpoints the datums not yet
 * acknowledged. At least once: datums published after the last checkpoint are published again after
 * a restart.
 */
public final class ImmediateCloudWatchSink extends AsyncSinkBase<CloudWatchDatum, CloudWatchDatum> {

  private static final long MAX_TIME_IN_BUFFER_MS = 1_000;

  private final CloudWatchSettings settings;

  public ImmediateCloudWatchSink(CloudWatchSettings settings) {
    super(
        (ElementConverter<CloudWatchDatum, CloudWatchDatum>) (datum, context) -> datum,
        settings.maxDatumsPerRequest(),
        settings.maxInFlight(),
        Math.max(10_000, 4 * settings.maxDatumsPerRequest() * settings.maxInFlight()),
        PutMetricDataBatcher.MAX_BYTES,
        MAX_TIME_IN_BUFFER_MS,
        PutMetricDataBatcher.MAX_BYTES);
    this.settings = settings;
  }

  @Override
  public StatefulSinkWriter<CloudWatchDatum, BufferedRequestState<CloudWatchDatum>> createWriter(
      WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<CloudWatchDatum, BufferedRequestState<CloudWatchDatum>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<CloudWatchDatum>> state) {
    return new Writer(this, context, state);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<CloudWatchDatum>>
      getWriterStateSerializer() {
    return new StateSerializer();
  }

  /** Publishes each batch the framework hands over on a pool of {@code maxInFlight} threads. */
  static final class Writer extends AsyncSinkWriter<CloudWatchDatum, CloudWatchDatum> {
    private final CloudWatchSettings settings;
    private final CloudWatchPublisher publisher;
    private final ExecutorService pool;

    Writer(
        ImmediateCloudWatchSink sink,
        WriterInitContext context,
        Collection<BufferedRequestState<CloudWatchDatum>> state) {
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
      this.settings = sink.settings;
      this.publisher =
          new CloudWatchPublisher(
              settings, CloudWatchClients.create(settings), new JobMetrics(context.metricGroup()));
      this.pool = Executors.newFixedThreadPool(settings.maxInFlight());
    }

    @Override
    protected void submitRequestEntries(
        List<CloudWatchDatum> datums, ResultHandler<CloudWatchDatum> result) {
      AsyncRequests.submit(
          pool,
          () -> {
            List<CloudWatchDatum> again = new ArrayList<>();
            for (List<CloudWatchDatum> request :
                PutMetricDataBatcher.split(datums, settings.maxDatumsPerRequest())) {
              if (publisher.publish(request) == CloudWatchPublisher.Outcome.UNAVAILABLE) {
                again.addAll(request);
              }
            }
            return again;
          },
          result);
    }

    @Override
    protected long getSizeInBytes(CloudWatchDatum datum) {
      return datum.estimatedBytes();
    }

    @Override
    public void close() {
      super.close();
      pool.shutdownNow();
      publisher.close();
    }
  }

  /** Buffered datums in checkpoints, in {@link CloudWatchDatum}'s binary form. */
  static final class StateSerializer extends AsyncSinkWriterStateSerializer<CloudWatchDatum> {
    @Override
    protected void serializeRequestToStream(CloudWatchDatum datum, DataOutputStream out)
        throws IOException {
      datum.write(out);
    }

    @Override
    protected CloudWatchDatum deserializeRequestFromStream(long size, DataInputStream in)
        throws IOException {
      return CloudWatchDatum.read(in);
    }

    @Override
    public int getVersion() {
      return 1;
    }
  }
}
