package io.logpulse.eventbridge;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import io.logpulse.aws.RetryPolicy;
import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Sends one PutEvents request and deals with each entry's fate:
 *
 * <ul>
 *   <li>a request that fails as a whole with throttling, a 5xx answer or a connection failure (see
 *       {@link AwsErrors}) is retried by the SDK ({@link EventBridgeClients}); when its attempts
 *       are used up, its entries are handed back after one more backoff, to be sent again later;
 *   <li>entries EventBridge failed with a retryable code inside an accepted request ({@code
 *       FailedEntryCount > 0}, see {@link PutEventsOutcome}) are sent again alone, after a jittered
 *       backoff, up to {@link EventBridgeSettings#maxAttempts()} times, then handed back;
 *   <li>entries EventBridge refused for good (invalid argument, malformed detail and the like) are
 *       dropped, counted and logged with their incident id: failing the job would not help, since a
 *       restart replays the same entry into the same refusal, and would stop every other output;
 *   <li>a request refused as a whole for good (no such bus, access denied) fails the job: every
 *       incident would meet the same refusal, so it is a configuration problem to surface, and the
 *       incidents stay in the checkpoint to be delivered once it is fixed.
 * </ul>
 *
 * <p>Delivery is at least once: an entry whose answer was lost, or a request handed back after an
 * attempt EventBridge had accepted, is delivered again. Consumers keep the highest revision per
 * incident id. Its job metrics (group {@code kinesisanalytics}): {@code eventBridgeDelivered},
 * {@code eventBridgeRetried} (entries sent again, by the SDK or by the sink), {@code
 * eventBridgeRejected}, and {@code deadLetters} with reason {@code EVENTBRIDGE_REJECTED} per
 * rejected entry, which the dead-letter alarm watches.
 */
public final class EventBridgePublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);

  private final EventBridgeSettings settings;
  private final RetryPolicy retryPolicy;
  private final EventBridgeClient client;
  private final JobMetrics metrics;
  private final Counter delivered;
  private final Counter retried;
  private final Counter rejected;

  public EventBridgePublisher(
      EventBridgeSettings settings, EventBridgeClient client, JobMetrics metrics) {
    this.settings = settings;
    this.retryPolicy = settings.retryPolicy();
    this.client = client;
    this.metrics = metrics;
    this.delivered = metrics.concurrentCounter("eventBridgeDelivered");
    this.retried = metrics.concurrentCounter("eventBridgeRetried");
    this.rejected = metrics.concurrentCounter("eventBridgeRejected");
  }

  /**
   * Publishes one request's entries (at most {@link PutEventsLimits#MAX_ENTRIES} and {@link
   * PutEventsLimits#MAX_REQUEST_BYTES}).
   *
   * @return the entries to send again later (empty when each was delivered or rejected)
   * @throws EventBridgeRefusedException when EventBridge refuses the request as a whole for good
   */
  public List<IncidentEntry> publish(List<IncidentEntry> entries) throws InterruptedException {
    List<IncidentEntry> pending = entries;
    for (int attempt = 1; ; attempt++) {
      SdkRetries sdkRetries = new SdkRetries();
      PutEventsResponse response;
      try {
        response = client.putEvents(request(pending, sdkRetries));
      } catch (AwsServiceException | SdkClientException e) {
        if (AwsErrors.classify(AwsService.EVENTBRIDGE, e) == AwsErrors.Kind.FATAL) {
          throw new EventBridgeRefusedException(settings.bus(), e);
        }
        return handBack(pending, e);
      } finally {
        retried.inc((long) sdkRetries.count * pending.size());
      }
      PutEventsOutcome outcome = PutEventsOutcome.of(pending, response);
      delivered.inc(outcome.delivered().size());
      for (PutEventsOutcome.Rejection rejection : outcome.rejected()) {
        reject(rejection);
      }
      if (outcome.retry().isEmpty()) {
        return List.of();
      }
      retried.inc(outcome.retry().size());
      if (retryPolicy.exhausted(attempt)) {
        LOG.warn(
            "EventBridge failed {} entries {} times; sending them again later",
            outcome.retry().size(),
            attempt);
        return outcome.retry();
      }
      Thread.sleep(retryPolicy.backoffMillis(attempt));
      pending = outcome.retry();
    }
  }

  private PutEventsRequest request(List<IncidentEntry> entries, SdkRetries sdkRetries) {
    return PutEventsRequest.builder()
        .entries(entries.stream().map(e -> e.toSdk(settings.bus())).toList())
        .overrideConfiguration(c -> c.addMetricPublisher(sdkRetries))
        .build();
  }

  /**
   * Hands a request that failed as a whole back to Flink, after one more backoff: Flink sends
   * handed-back entries again at once, and a failure the SDK does not retry (such as missing
   * credentials) would otherwise come back in a tight loop.
   */
  private List<IncidentEntry> handBack(List<IncidentEntry> entries, Exception e)
      throws InterruptedException {
    retried.inc(entries.size());
    LOG.warn(
        "PutEvents of {} entries failed ({}); sending them again later",
        entries.size(),
        e.getMessage());
    Thread.sleep(retryPolicy.backoffMillis(retryPolicy.maxAttempts()));
    return entries;
  }

  private void reject(PutEventsOutcome.Rejection rejection) {
    rejected.inc();
    metrics.deadLetter(DeadLetterReason.EVENTBRIDGE_REJECTED);
    LOG.warn(
        "EventBridge rejected {} for good ({}: {}); it is dropped. Detail: {}",
        rejection.entry(),
        rejection.errorCode(),
        rejection.errorMessage(),
        rejection.entry().detail());
  }

  @Override
  public void close() {
    client.close();
  }

  /** Collects how often the SDK retried one call, from the call's metrics. */
  private static final class SdkRetries implements MetricPublisher {
    private int count;

    @Override
    public void publish(MetricCollection call) {
      call.metricValues(CoreMetric.RETRY_COUNT).forEach(n -> count += n);
    }

    @Override
    public void close() {}
  }
}
