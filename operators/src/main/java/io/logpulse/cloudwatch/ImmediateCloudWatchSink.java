package io.logpulse.cloudwatch;

import io.logpulse.aws.AwsAsyncSink;
import io.logpulse.aws.AwsAsyncWriter;
import io.logpulse.common.JobMetrics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The {@link Delivery#IMMEDIATE} CloudWatch sink, on the AWS async sink base: it publishes a batch
 * as soon as it holds 1,000 datums (or 1 MB, or has waited a second), keeps at most {@code
 * maxInFlight} requests in flight and backpressures beyond that, and checkpoints the datums not yet
 * acknowledged. At least once: datums published after the last checkpoint are published again after
 * a restart.
 */
public final class ImmediateCloudWatchSink extends AwsAsyncSink<CloudWatchDatum, CloudWatchDatum> {

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
  protected AwsAsyncWriter<CloudWatchDatum, CloudWatchDatum> writer(
      WriterInitContext context, Collection<BufferedRequestState<CloudWatchDatum>> state) {
    return new Writer(this, context, state);
  }

  @Override
  protected void writeEntry(CloudWatchDatum datum, DataOutputStream out) throws IOException {
    datum.write(out);
  }

  @Override
  protected CloudWatchDatum readEntry(DataInputStream in) throws IOException {
    return CloudWatchDatum.read(in);
  }

  /** Publishes each batch as PutMetricData requests, handing back those CloudWatch did not take. */
  static final class Writer extends AwsAsyncWriter<CloudWatchDatum, CloudWatchDatum> {
    private final CloudWatchSettings settings;
    private final CloudWatchPublisher publisher;

    Writer(
        ImmediateCloudWatchSink sink,
        WriterInitContext context,
        Collection<BufferedRequestState<CloudWatchDatum>> state) {
      super(sink, context, state);
      this.settings = sink.settings;
      this.publisher =
          new CloudWatchPublisher(
              settings, CloudWatchClients.create(settings), new JobMetrics(context.metricGroup()));
    }

    @Override
    protected List<CloudWatchDatum> send(List<CloudWatchDatum> datums) throws InterruptedException {
      List<CloudWatchDatum> again = new ArrayList<>();
      for (List<CloudWatchDatum> request :
          PutMetricDataBatcher.split(datums, settings.maxDatumsPerRequest())) {
        if (publisher.publish(request) == CloudWatchPublisher.Outcome.UNAVAILABLE) {
          again.addAll(request);
        }
      }
      return again;
    }

    @Override
    protected long getSizeInBytes(CloudWatchDatum datum) {
      return datum.estimatedBytes();
    }

    @Override
    protected void closeClient() {
      publisher.close();
    }
  }
}
