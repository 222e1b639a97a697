package io.logpulse.cloudwatch;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import io.logpulse.aws.RetryPolicy;
import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * Sends one PutMetricData request, retrying throttling, 5xx answers and connection failures with
 * exponential backoff and full jitter ({@link CloudWatchSettings#retryPolicy()}; what is retryable
 * is {@link AwsErrors}'), and tells the caller how it ended. Both delivery modes and the benchmark
 * publish through it. Its job metrics (group {@code kinesisanalytics}): {@code cloudWatchRequests},
 * {@code cloudWatchDatumsPublished}, {@code cloudWatchRetries}, {@code cloudWatchPublishLatencyMs}
 * (histogram of successful calls), {@code cloudWatchUncertainRetries} (retries of attempts that got
 * no answer within {@code cloudwatch.request-timeout}, which CloudWatch may have accepted), and
 * {@code deadLetters} with reason {@code CLOUDWATCH_REJECTED} per rejected datum.
 */
public final class CloudWatchPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  /** How a request ended. */
  public enum Outcome {
    /** CloudWatch accepted it. */
    PUBLISHED,
    /** CloudWatch refused it for good (invalid parameter and the like); counted, not retried. */
    REJECTED,
    /** CloudWatch stayed unavailable or throttled through every attempt; try again later. */
    UNAVAILABLE
  }

  private final CloudWatchSettings settings;
  private final RetryPolicy retryPolicy;
  private final CloudWatchClient client;
  private final JobMetrics metrics;
  private final Counter requests;
  private final Counter datumsPublished;
  private final Counter retries;
  private final Counter uncertainRetries;
  private final Histogram latency;

  public CloudWatchPublisher(
      CloudWatchSettings settings, CloudWatchClient client, JobMetrics metrics) {
    this.settings = settings;
    this.retryPolicy = settings.retryPolicy();
    this.client = client;
    this.metrics = metrics;
    this.requests = metrics.concurrentCounter("cloudWatchRequests");
    this.datumsPublished = metrics.concurrentCounter("cloudWatchDatumsPublished");
    this.retries = metrics.concurrentCounter("cloudWatchRetries");
    this.uncertainRetries = metrics.concurrentCounter("cloudWatchUncertainRetries");
    this.latency =
        metrics.histogram("cloudWatchPublishLatencyMs", new DescriptiveStatisticsHistogram(1000));
  }

  /** Publishes one request's datums (at most 1,000 and 1 MB, see {@link PutMetricDataBatcher}). */
  public Outcome publish(List<CloudWatchDatum> datums) throws InterruptedException {
    PutMetricDataRequest request =
        PutMetricDataRequest.builder()
            .namespace(settings.namespace())
            .metricData(datums.stream().map(CloudWatchDatum::toSdk).toList())
            .build();
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      try {
        client.putMetricData(request);
        latency.update((System.nanoTime() - start) / 1_000_000);
        requests.inc();
        datumsPublished.inc(datums.size());
        return Outcome.PUBLISHED;
      } catch (AwsServiceException | SdkClientException e) {
        AwsErrors.Kind kind = AwsErrors.classify(AwsService.CLOUDWATCH, e);
        if (kind == AwsErrors.Kind.FATAL) {
          metrics.deadLetters(DeadLetterReason.CLOUDWATCH_REJECTED, datums.size());
          LOG.warn(
              "CloudWatch rejected {} datums (first: {}); {}: {}",
              datums.size(),
              datums.get(0),
              AwsErrors.hint(AwsService.CLOUDWATCH, e),
              e.getMessage());
          return Outcome.REJECTED;
        }
        if (kind == AwsErrors.Kind.TIMEOUT) {
          uncertainRetries.inc();
          LOG.warn(
              "PutMetricData attempt {} got no answer within {}; CloudWatch may have accepted it,"
                  + " so retrying it may count {} datums twice",
              attempt,
              settings.requestTimeout(),
              datums.size());
        } else {
          LOG.debug("PutMetricData attempt {} failed: {}", attempt, e.getMessage());
        }
      }
      if (retryPolicy.exhausted(attempt)) {
        LOG.warn("CloudWatch still unavailable after {} attempts; retrying later", attempt);
        return Outcome.UNAVAILABLE;
      }
      retries.inc();
      Thread.sleep(retryPolicy.backoffMillis(attempt));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
