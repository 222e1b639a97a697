package io.logpulse.aws;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The base of the AWS sinks on Flink's async sink framework (CloudWatch's immediate delivery,
 * EventBridge): a writer restored from the entries its checkpoint buffered, and those entries in
 * checkpoints in each sink's own binary form. The batching limits are the constructor's, as {@link
 * AsyncSinkBase} takes them; what a writer does with a batch is {@link AwsAsyncWriter}'s.
 *
 * @param <InputT> what the sink receives
 * @param <EntryT> what one request carries many of
 */
public abstract class AwsAsyncSink<InputT, EntryT extends Serializable>
    extends AsyncSinkBase<InputT, EntryT> {

  /** Version of the checkpointed entries' format, for every AWS sink. */
  private static final int STATE_VERSION = 1;

  /**
   * @param converter input to entries
   * @param maxBatchSize entries per request at the most
   * @param maxInFlight requests in flight at once; beyond it the sink backpressures
   * @param maxBuffered entries buffered at the most before the sink backpressures
   * @param maxBatchBytes bytes per request at the most
   * @param maxTimeInBufferMs longest wait before a batch that is not full is sent
   * @param maxEntryBytes bytes of one entry at the most
   */
  protected AwsAsyncSink(
      ElementConverter<InputT, EntryT> converter,
      int maxBatchSize,
      int maxInFlight,
      int maxBuffered,
      long maxBatchBytes,
      long maxTimeInBufferMs,
      long maxEntryBytes) {
    super(
        converter,
        maxBatchSize,
        maxInFlight,
        maxBuffered,
        maxBatchBytes,
        maxTimeInBufferMs,
        maxEntryBytes);
  }

  /** A writer that starts with the entries {@code state} buffered (none for a fresh start). */
  protected abstract AwsAsyncWriter<InputT, EntryT> writer(
      WriterInitContext context, Collection<BufferedRequestState<EntryT>> state);

  /** Writes one buffered entry into a checkpoint. */
  protected abstract void writeEntry(EntryT entry, DataOutputStream out) throws IOException;

  /** Reads one entry {@link #writeEntry} wrote. */
  protected abstract EntryT readEntry(DataInputStream in) throws IOException;

  @Override
  public final StatefulSinkWriter<InputT, BufferedRequestState<EntryT>> createWriter(
      WriterInitContext context) {
    return writer(context, List.of());
  }

  @Override
  public final StatefulSinkWriter<InputT, BufferedRequestState<EntryT>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<EntryT>> state) {
    return writer(context, state);
  }

  @Override
  public final SimpleVersionedSerializer<BufferedRequestState<EntryT>> getWriterStateSerializer() {
    return new StateSerializer();
  }

  /** The framework's writer configuration of this sink's limits. */
  AsyncSinkWriterConfiguration writerConfiguration() {
    return AsyncSinkWriterConfiguration.builder()
        .setMaxBatchSize(getMaxBatchSize())
        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
        .setMaxInFlightRequests(getMaxInFlightRequests())
        .setMaxBufferedRequests(getMaxBufferedRequests())
        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
        .build();
  }

  /** The converter, for the writer. */
  ElementConverter<InputT, EntryT> converter() {
    return getElementConverter();
  }

  /** Buffered entries in checkpoints, each in the sink's binary form. */
  private final class StateSerializer extends AsyncSinkWriterStateSerializer<EntryT> {
    @Override
    protected void serializeRequestToStream(EntryT entry, DataOutputStream out) throws IOException {
      writeEntry(entry, out);
    }

    @Override
    protected EntryT deserializeRequestFromStream(long size, DataInputStream in)
        throws IOException {
      return readEntry(in);
    }

    @Override
    public int getVersion() {
      return STATE_VERSION;
    }
  }
}
