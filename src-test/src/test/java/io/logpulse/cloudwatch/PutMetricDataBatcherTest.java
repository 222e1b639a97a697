package io.logpulse.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.CompressionConfiguration;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class PutMetricDataBatcherTest {

  /** CloudWatch's limit of a PutMetricData body (1 MB; the smaller reading of it). */
  private static final int ONE_MB = 1_000_000;

  private static final List<String[]> DIMENSIONS =
      List.of(
          new String[] {"Account", "111111111111"},
          new String[] {"Service", "checkout-service-with-a-long-name"},
          new String[] {"Operation", "GET /api/v2/customers/{id}/orders/{id}/items"});

  private static List<CloudWatchDatum> statisticSets(int n, List<String[]> dimensions) {
    List<CloudWatchDatum> datums = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      datums.add(
          CloudWatchDatum.statistics(
              "RequestCount", dimensions, 1_763_700_000_000L + i, "Count", i, i, 1, 1));
    }
    return datums;
  }

  private static List<CloudWatchDatum> statisticSets(int n) {
    return statisticSets(n, List.<String[]>of(new String[] {"Service", "checkout"}));
  }

  /** Full latency datums with values printed as long as doubles print. */
  private static List<CloudWatchDatum> distributions(int n) {
    SplittableRandom random = new SplittableRandom(3);
    List<CloudWatchDatum> datums = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] values = new double[CloudWatchDatum.MAX_VALUES];
      double[] counts = new double[CloudWatchDatum.MAX_VALUES];
      for (int v = 0; v < values.length; v++) {
        values[v] = random.nextDouble() * 1e-3;
        counts[v] = 1 + random.nextInt(1_000_000) + random.nextDouble();
      }
      datums.add(
          CloudWatchDatum.distribution(
              "Latency", DIMENSIONS, 1_763_700_000_000L + i, values, counts));
    }
    return datums;
  }

  private static List<CloudWatchDatum> flatten(List<List<CloudWatchDatum>> requests) {
    return requests.stream().flatMap(List::stream).toList();
  }

  @Test
  void moreThan1000DatumsAreCutInto1000sInOrder() {
    List<CloudWatchDatum> datums = statisticSets(2_345);

    List<List<CloudWatchDatum>> requests = PutMetricDataBatcher.split(datums, 1000);

    assertThat(requests).extracting(List::size).containsExactly(1000, 1000, 345);
    assertThat(flatten(requests)).isEqualTo(datums);
    assertThat(PutMetricDataBatcher.split(datums, 300))
        .allSatisfy(r -> assertThat(r).hasSizeLessThanOrEqualTo(300))
        .hasSize(8);
    assertThat(PutMetricDataBatcher.split(List.of(), 1000)).isEmpty();
  }

  @Test
  void datumsBeyondCloudWatchsLimitAreRefused() {
    assertThatThrownBy(() -> PutMetricDataBatcher.split(statisticSets(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PutMetricDataBatcher.split(statisticSets(1), 1001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Measured without the SDK's gzip request compression, so the bodies stay within the limit
   * whether CloudWatch applies it before or after decompressing.
   */
  @Test
  void everyRequestTheSdkSendsStaysWithinOneMegabyteAndIsFilledToIt() {
    List<CloudWatchDatum> datums = distributions(300);
    datums.addAll(statisticSets(2000, DIMENSIONS));

    List<List<CloudWatchDatum>> requests = PutMetricDataBatcher.split(datums, 1000);

    assertThat(flatten(requests)).isEqualTo(datums);
    assertThat(requests).hasSizeGreaterThan(3);
    for (int i = 0; i + 1 < requests.size(); i++) {
      List<CloudWatchDatum> request = requests.get(i);
      long bytes = request.stream().mapToLong(CloudWatchDatum::estimatedBytes).sum();
      assertThat(bytes + requests.get(i + 1).get(0).estimatedBytes())
          .as("request %s could have taken the next datum", i)
          .isGreaterThan(PutMetricDataBatcher.MAX_BYTES);
    }
    List<Integer> bodies = sentBodySizes(requests);
    assertThat(bodies).hasSameSizeAs(requests).allSatisfy(b -> assertThat(b).isLessThan(ONE_MB));
    assertThat(bodies.get(0)).as("a full request is not tiny").isGreaterThan(ONE_MB / 2);
    assertThat(bodies.get(bodies.size() - 2))
        .as("1,000 datums with three long dimensions")
        .isGreaterThan(ONE_MB / 2);
  }

  /**
   * The uncompressed body sizes of the PutMetricData requests the SDK builds, captured instead of
   * sent.
   */
  private static List<Integer> sentBodySizes(List<List<CloudWatchDatum>> requests) {
    BodySizes http = new BodySizes();
    try (CloudWatchClient client =
        CloudWatchClient.builder()
            .httpClient(http)
            .overrideConfiguration(
                c ->
                    c.compressionConfiguration(
                        CompressionConfiguration.builder()
                            .requestCompressionEnabled(false)
                            .build()))
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      for (List<CloudWatchDatum> request : requests) {
        client.putMetricData(
            r ->
                r.namespace("logpulse")
                    .metricData(request.stream().map(CloudWatchDatum::toSdk).toList()));
      }
    }
    return http.sizes;
  }

  /** An SDK HTTP client that records each request body's size and answers success. */
  private static final class BodySizes implements SdkHttpClient {
    private static final byte[] OK =
        ("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                + "</PutMetricDataResponse>")
            .getBytes(StandardCharsets.UTF_8);

    final List<Integer> sizes = new ArrayList<>();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() throws IOException {
          sizes.add(
              request.contentStreamProvider().orElseThrow().newStream().readAllBytes().length);
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "text/xml")
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(OK)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
