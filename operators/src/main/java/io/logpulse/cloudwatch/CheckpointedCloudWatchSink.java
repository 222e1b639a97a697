package io.logpulse.cloudwatch;

import io.logpulse.common.JobMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;

/**
 * The {@link Delivery#ON_CHECKPOINT} CloudWatch sink. The writer buffers datums and, at each
 * checkpoint barrier, cuts them into PutMetricData requests that become the checkpoint's
 * committables; the committer publishes them only after that checkpoint completed. A restart
 * therefore replays input whose datums were never published, and never publishes a datum of an
 * uncompleted checkpoint.
 *
 * <p>What is left: Flink re-commits the committables of the restored checkpoint when it cannot know
 * whether they were committed. The committer marks each published request in {@link
 * PublishedRequests} and skips marked ones, so only a crash between CloudWatch accepting a request
 * and the marker being written (milliseconds), or a request CloudWatch accepted whose answer was
 * lost, can publish one request twice.
 */
public final class CheckpointedCloudWatchSink
    implements Sink<CloudWatchDatum>, SupportsCommitter<PublishRequest> {

  private final CloudWatchSettings settings;

  public CheckpointedCloudWatchSink(CloudWatchSettings settings) {
    if (settings.publishedMarkersPath() == null) {
      throw new IllegalArgumentException("the on-checkpoint sink needs a published-markers path");
    }
    this.settings = settings;
  }

  @Override
  public CommittingSinkWriter<CloudWatchDatum, PublishRequest> createWriter(
      WriterInitContext context) {
    return new Writer(settings, context.getTaskInfo().getIndexOfThisSubtask());
  }

  @Override
  public Committer<PublishRequest> createCommitter(CommitterInitContext context) {
    return new PublishingCommitter(settings, new JobMetrics(context.metricGroup()));
  }

  @Override
  public SimpleVersionedSerializer<PublishRequest> getCommittableSerializer() {
    return new PublishRequest.Serializer();
  }

  /** Buffers datums until the next checkpoint barrier, then hands them over as requests. */
  static final class Writer implements CommittingSinkWriter<CloudWatchDatum, PublishRequest> {
    private final CloudWatchSettings settings;
    private final String epoch;
    private final int subtask;
    private List<CloudWatchDatum> buffer = new ArrayList<>();
    private long sequence;

    Writer(CloudWatchSettings settings, int subtask) {
      this.settings = settings;
      this.subtask = subtask;
      this.epoch = UUID.randomUUID().toString();
    }

    @Override
    public void write(CloudWatchDatum datum, Context context) {
      buffer.add(datum);
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public Collection<PublishRequest> prepareCommit() {
      List<PublishRequest> requests = new ArrayList<>();
      long now = System.currentTimeMillis();
      int index = 0;
      for (List<CloudWatchDatum> datums :
          PutMetricDataBatcher.split(buffer, settings.maxDatumsPerRequest())) {
        requests.add(
            new PublishRequest(
                epoch + "-" + subtask + "-" + sequence + "-" + index++, now, datums));
      }
      sequence++;
      buffer = new ArrayList<>();
      return requests;
    }

    @Override
    public void close() {}
  }

  /** Publishes a completed checkpoint's requests, up to {@code maxInFlight} at once. */
  static final class PublishingCommitter implements Committer<PublishRequest> {
    private final CloudWatchPublisher publisher;
    private final PublishedRequests published;
    private final ExecutorService pool;
    private final Counter skipped;

    PublishingCommitter(CloudWatchSettings settings, JobMetrics metrics) {
      this.publisher =
          new CloudWatchPublisher(settings, CloudWatchClients.create(settings), metrics);
      this.published = new PublishedRequests(settings.publishedMarkersPath());
      this.pool = Executors.newFixedThreadPool(settings.maxInFlight());
      this.skipped = metrics.counter("cloudWatchRequestsAlreadyPublished");
    }

    @Override
    public void commit(Collection<CommitRequest<PublishRequest>> requests)
        throws IOException, InterruptedException {
      List<Future<?>> running = new ArrayList<>(requests.size());
      for (CommitRequest<PublishRequest> request : requests) {
        running.add(
            pool.submit(
                () -> {
                  commit(request);
                  return null;
                }));
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (ExecutionException e) {
          throw new IOException("publishing to CloudWatch failed", e.getCause());
        }
      }
    }

    private void commit(CommitRequest<PublishRequest> request)
        throws IOException, InterruptedException {
      PublishRequest committable = request.getCommittable();
      if (published.contains(committable)) {
        skipped.inc();
        request.signalAlreadyCommitted();
        return;
      }
      switch (publisher.publish(committable.datums())) {
        case PUBLISHED, REJECTED -> published.add(committable);
        case UNAVAILABLE -> request.retryLater();
      }
    }

    @Override
    public void close() {
      pool.shutdownNow();
      publisher.close();
    }
  }
}
