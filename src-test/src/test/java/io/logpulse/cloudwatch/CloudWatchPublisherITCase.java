package io.logpulse.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.common.JobMetrics;
import io.logpulse.testing.CloudWatchReadBack;
import io.logpulse.testing.CloudWatchReadBack.Totals;
import io.logpulse.testing.FaultInjectingProxy;
import io.logpulse.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publisher against moto_server, directly and through a fault-injecting proxy: the pinned
 * client's wire protocol, request splitting, retries of throttling and 5xx, and non-retryable
 * rejections.
 */
class CloudWatchPublisherITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  private final MetricListener metrics = new MetricListener();
  private FaultInjectingProxy proxy;
  private CloudWatchSettings settings;
  private CloudWatchReadBack readBack;

  @BeforeEach
  void start() throws Exception {
    proxy = new FaultInjectingProxy(MOTO.endpoint());
    settings = settings(MOTO.endpoint(), "publisher-" + System.nanoTime(), 8);
    readBack = new CloudWatchReadBack(settings);
  }

  @AfterEach
  void stop() {
    proxy.close();
    readBack.close();
  }

  static CloudWatchSettings settings(String endpoint, String namespace, int maxAttempts) {
    return settings(endpoint, namespace, maxAttempts, Duration.ofMinutes(2));
  }

  static CloudWatchSettings settings(
      String endpoint, String namespace, int maxAttempts, Duration requestTimeout) {
    return new CloudWatchSettings(
        endpoint,
        null,
        namespace,
        DimensionPolicy.parse(DimensionPolicy.DEFAULT),
        Delivery.ON_CHECKPOINT,
        1000,
        2,
        maxAttempts,
        Duration.ofMillis(20),
        Duration.ofMillis(200),
        requestTimeout,
        null);
  }

  private CloudWatchPublisher publisher(String endpoint, int maxAttempts) {
    return publisher(endpoint, maxAttempts, Duration.ofMinutes(2));
  }

  private CloudWatchPublisher publisher(String endpoint, int maxAttempts, Duration timeout) {
    CloudWatchSettings target = settings(endpoint, settings.namespace(), maxAttempts, timeout);
    return new CloudWatchPublisher(
        target, CloudWatchClients.create(target), new JobMetrics(metrics.getMetricGroup()));
  }

  private long counter(String... path) {
    List<String> identifier = new ArrayList<>(List.of(JobMetrics.GROUP));
    identifier.addAll(List.of(path));
    return metrics.getCounter(identifier.toArray(String[]::new)).map(c -> c.getCount()).orElse(0L);
  }

  private static CloudWatchDatum requests(String service, long n) {
    return CloudWatchDatum.statistics(
        "RequestCount",
        List.<String[]>of(new String[] {"Service", service}),
        NOW.minus(Duration.ofMinutes(5)).toEpochMilli(),
        "Count",
        n,
        n,
        1,
        1);
  }

  private Totals totals(String metric, String service) {
    return readBack.totals(
        metric, Map.of("Service", service), NOW.minus(Duration.ofHours(1)), NOW.plusSeconds(60));
  }

  @Test
  void thePinnedClientTalksToTheLocalServerAndValuesReadBack() throws Exception {
    CloudWatchDatum latency =
        CloudWatchDatum.distribution(
            "Latency",
            List.<String[]>of(new String[] {"Service", "checkout"}),
            NOW.minus(Duration.ofMinutes(5)).toEpochMilli(),
            new double[] {10, 20.5, 300},
            new double[] {3, 2, 1});
    try (CloudWatchPublisher publisher = publisher(MOTO.endpoint(), 1)) {
      assertThat(publisher.publish(List.of(requests("checkout", 42), latency)))
          .isEqualTo(CloudWatchPublisher.Outcome.PUBLISHED);
    }

    Totals count = totals("RequestCount", "checkout");
    assertThat(count.sum()).isEqualTo(42);
    assertThat(count.sampleCount()).isEqualTo(42);
    Totals latencies = totals("Latency", "checkout");
    assertThat(latencies.sampleCount()).isEqualTo(6);
    assertThat(latencies.sum()).isEqualTo(3 * 10 + 2 * 20.5 + 300);
    assertThat(latencies.minimum()).isEqualTo(10);
    assertThat(latencies.maximum()).isEqualTo(300);
  }

  @Test
  void moreThanAThousandDatumsAreSplitIntoRequestsThatAllArrive() throws Exception {
    List<CloudWatchDatum> datums = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      datums.add(requests("svc-" + (i % 7), 1 + i % 3));
    }
    List<List<CloudWatchDatum>> requests =
        PutMetricDataBatcher.split(datums, PutMetricDataBatcher.MAX_DATUMS);
    assertThat(requests).extracting(List::size).containsExactly(1000, 1000, 500);

    try (CloudWatchPublisher publisher = publisher(MOTO.endpoint(), 1)) {
      for (List<CloudWatchDatum> request : requests) {
        assertThat(publisher.publish(request)).isEqualTo(CloudWatchPublisher.Outcome.PUBLISHED);
      }
    }

    assertThat(counter("cloudWatchRequests")).isEqualTo(3);
    assertThat(counter("cloudWatchDatumsPublished")).isEqualTo(2_500);
    for (int s = 0; s < 7; s++) {
      long expected = 0;
      for (int i = s; i < 2_500; i += 7) {
        expected += 1 + i % 3;
      }
      assertThat(totals("RequestCount", "svc-" + s).sum()).as("svc-" + s).isEqualTo(expected);
    }
  }

  @Test
  void throttlingAndServerErrorsAreRetriedWithBackoffUntilPublishedOnce() throws Exception {
    proxy.failNext(5);
    try (CloudWatchPublisher publisher = publisher(proxy.endpoint(), 8)) {
      assertThat(publisher.publish(List.of(requests("retried", 7))))
          .isEqualTo(CloudWatchPublisher.Outcome.PUBLISHED);
    }

    assertThat(proxy.failed()).isEqualTo(5);
    assertThat(proxy.forwarded()).isEqualTo(1);
    assertThat(counter("cloudWatchRetries")).isEqualTo(5);
    assertThat(totals("RequestCount", "retried").sum()).isEqualTo(7);
  }

  @Test
  void aServerFailingThroughEveryAttemptIsReportedUnavailableForALaterRetry() throws Exception {
    proxy.failNext(1_000);
    try (CloudWatchPublisher publisher = publisher(proxy.endpoint(), 3)) {
      assertThat(publisher.publish(List.of(requests("unavailable", 1))))
          .isEqualTo(CloudWatchPublisher.Outcome.UNAVAILABLE);
    }

    assertThat(proxy.failed()).isEqualTo(3);
    assertThat(proxy.forwarded()).isZero();
  }

  @Test
  void nonRetryableErrorsAreCountedAsDeadLettersAndNotRetried() throws Exception {
    proxy.rejectNext(1);
    try (CloudWatchPublisher publisher = publisher(proxy.endpoint(), 8)) {
      assertThat(publisher.publish(List.of(requests("rejected", 1), requests("rejected", 2))))
          .isEqualTo(CloudWatchPublisher.Outcome.REJECTED);
    }

    assertThat(proxy.failed()).isEqualTo(1);
    assertThat(proxy.forwarded()).isZero();
    assertThat(counter("cloudWatchRetries")).isZero();
    assertThat(counter("Reason", "CLOUDWATCH_REJECTED", "deadLetters")).isEqualTo(2);
  }

  @Test
  void aSlowAnswerWithinTheRequestTimeoutIsWaitedForAndNotSentAgain() throws Exception {
    proxy.delayNextAnswers(1, Duration.ofSeconds(3));
    try (CloudWatchPublisher publisher = publisher(proxy.endpoint(), 8, Duration.ofSeconds(20))) {
      assertThat(publisher.publish(List.of(requests("slow", 5))))
          .isEqualTo(CloudWatchPublisher.Outcome.PUBLISHED);
    }

    assertThat(proxy.forwarded()).isEqualTo(1);
    assertThat(proxy.bodiesAcceptedMoreThanOnce()).isEmpty();
    assertThat(counter("cloudWatchRetries")).isZero();
    assertThat(totals("RequestCount", "slow").sum()).isEqualTo(5);
  }

  /**
   * Why {@code cloudwatch.request-timeout} is long: CloudWatch has no idempotency key, so an
   * attempt abandoned after the server accepted it and its retry both count. This is the double
   * count a 20-second timeout produced against a loaded moto_server.
   */
  @Test
  void anAttemptAbandonedAtTheRequestTimeoutIsSentAgainAndCountedAsUncertain() throws Exception {
    proxy.delayNextAnswers(1, Duration.ofSeconds(2));
    try (CloudWatchPublisher publisher = publisher(proxy.endpoint(), 8, Duration.ofMillis(500))) {
      assertThat(publisher.publish(List.of(requests("abandoned", 5))))
          .isEqualTo(CloudWatchPublisher.Outcome.PUBLISHED);
    }

    assertThat(proxy.bodiesAcceptedMoreThanOnce()).hasSize(1).containsValue(2);
    assertThat(counter("cloudWatchUncertainRetries")).isEqualTo(1);
    assertThat(totals("RequestCount", "abandoned").sum()).isEqualTo(10);
  }
}
