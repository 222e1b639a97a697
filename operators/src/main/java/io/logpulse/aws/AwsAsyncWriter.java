package io.logpulse.aws;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;

/**
 * The writer of an {@link AwsAsyncSink}: it sends each batch the framework hands over on a pool of
 * as many threads as the sink has requests in flight (the AWS clients block, so each in-flight
 * request needs a thread of its own) and reports the outcome to Flink: done, some entries to send
 * again (the framework puts them back at the front of its buffer and sends them with the next
 * batch), or a failure that fails the job.
 *
 * @param <InputT> what the sink receives
 * @param <EntryT> what one request carries many of
 */
public abstract class AwsAsyncWriter<InputT, EntryT extends Serializable>
    extends AsyncSinkWriter<InputT, EntryT> {

  private final ExecutorService pool;

  protected AwsAsyncWriter(
      AwsAsyncSink<InputT, EntryT> sink,
      WriterInitContext context,
      Collection<BufferedRequestState<EntryT>> state) {
    super(sink.converter(), context, sink.writerConfiguration(), state);
    this.pool = Executors.newFixedThreadPool(sink.writerConfiguration().getMaxInFlightRequests());
  }

  /**
   * Sends one batch, on a thread of the pool, retrying as the service's publisher does.
   *
   * @return the entries to send again later (empty when each was delivered or dropped)
   * @throws RuntimeException to fail the job
   */
  protected abstract List<EntryT> send(List<EntryT> batch) throws InterruptedException;

  /** Closes the client {@link #send} uses, once no request runs any more. */
  protected abstract void closeClient();

  @Override
  protected final void submitRequestEntries(List<EntryT> batch, ResultHandler<EntryT> result) {
    pool.execute(
        () -> {
          List<EntryT> again;
          try {
            again = send(batch);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
            return;
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
          }
          if (again.isEmpty()) {
            result.complete();
          } else {
            result.retryForEntries(again);
          }
        });
  }

  @Override
  public void close() {
    super.close();
    pool.shutdownNow();
    closeClient();
  }
}
