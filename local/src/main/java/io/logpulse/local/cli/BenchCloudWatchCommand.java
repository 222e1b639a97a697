package io.logpulse.local.cli;

import io.logpulse.cloudwatch.CloudWatchClients;
import io.logpulse.cloudwatch.CloudWatchDatum;
import io.logpulse.cloudwatch.CloudWatchPublisher;
import io.logpulse.cloudwatch.CloudWatchPublisher.Outcome;
import io.logpulse.cloudwatch.CloudWatchSettings;
import io.logpulse.cloudwatch.MetricDatumMapper;
import io.logpulse.cloudwatch.PutMetricDataBatcher;
import io.logpulse.common.JobMetrics;
import io.logpulse.config.CloudWatchOptions;
import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.schema.ServiceEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logpulse bench-cloudwatch}: how many datums per second one CloudWatch sink subtask
 * publishes. It maps synthetic one-minute windows (statistic sets and latency distributions, as the
 * job publishes them) to datums, cuts them into requests with {@link PutMetricDataBatcher} and
 * sends them through {@link CloudWatchPublisher} with {@code cloudwatch.max-in-flight} requests in
 * flight, as a sink subtask does, always under the namespace {@code logpulse-bench} so benchmark
 * datums never mix with the job's.
 */
@Command(
    name = "bench-cloudwatch",
    description =
        "Measures datums/s of one CloudWatch sink subtask against an endpoint (e.g. moto_server).")
final class BenchCloudWatchCommand implements Callable<Integer> {

  private static final long MINUTE = 60_000L;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "CloudWatch endpoint, e.g. http://127.0.0.1:5000 (sets cloudwatch.endpoint).")
  String endpoint;

  @Option(
      names = "--datums",
      description = "Datums to publish in the measured pass (default ${DEFAULT-VALUE}).")
  int datums = 50_000;

  @Option(
      names = "--latency",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Whether the Latency distributions are published too (default: yes); --no-latency"
              + " measures statistic sets alone.")
  boolean latency = true;

  @Mixin ConfigOptions configOptions;

  @Override
  public Integer call() throws Exception {
    Map<String, String> forced = new HashMap<>();
    forced.put(CloudWatchOptions.NAMESPACE.name(), "logpulse-bench");
    if (endpoint != null) {
      forced.put(CloudWatchOptions.ENDPOINT.name(), endpoint);
    }
    CloudWatchSettings settings = CloudWatchOptions.settings(configOptions.load(forced), "out");
    List<CloudWatchDatum> all = datums(new MetricDatumMapper(settings.policy()), datums, latency);
    List<List<CloudWatchDatum>> requests =
        PutMetricDataBatcher.split(all, settings.maxDatumsPerRequest());
    System.out.printf(
        "publishing %,d datums (%,d distributions) in %,d requests, %d in flight, to %s%n",
        all.size(),
        all.stream().filter(CloudWatchDatum::isDistribution).count(),
        requests.size(),
        settings.maxInFlight(),
        settings.endpoint() == null ? "the region's CloudWatch" : settings.endpoint());
    try (CloudWatchPublisher publisher =
        new CloudWatchPublisher(
            settings,
            CloudWatchClients.create(settings),
            new JobMetrics(new UnregisteredMetricsGroup()))) {
      ExecutorService pool = Executors.newFixedThreadPool(settings.maxInFlight());
      try {
        publishAll(publisher, pool, requests.subList(0, Math.min(2, requests.size())));
        long start = System.nanoTime();
        Map<Outcome, Integer> outcomes = publishAll(publisher, pool, requests);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%,.0f datums/s, %,.1f requests/s (%.1f s; outcomes %s)%n",
            all.size() / seconds, requests.size() / seconds, seconds, outcomes);
        return outcomes.keySet().equals(Set.of(Outcome.PUBLISHED)) ? 0 : 1;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Map<Outcome, Integer> publishAll(
      CloudWatchPublisher publisher, ExecutorService pool, List<List<CloudWatchDatum>> requests)
      throws Exception {
    List<Future<Outcome>> running = new ArrayList<>();
    for (List<CloudWatchDatum> request : requests) {
      running.add(pool.submit(() -> publisher.publish(request)));
    }
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (Future<Outcome> outcome : running) {
      outcomes.merge(outcome.get(), 1, Integer::sum);
    }
    return outcomes;
  }

  /**
   * At least {@code n} datums (without distributions unless {@code latency}) of recent one-minute
   * windows of 50 services in 3 accounts, each window with a few hundred requests, 2% errors and
   * log-normal latencies.
   */
  private static List<CloudWatchDatum> datums(MetricDatumMapper mapper, int n, boolean latency) {
    SplittableRandom random = new SplittableRandom(42);
    long newest = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli() - MINUTE;
    List<CloudWatchDatum> datums = new ArrayList<>(n + 1_000);
    for (long window = 0; datums.size() < n; window++) {
      String account = String.valueOf(111_111_111_111L * (1 + window % 3));
      String service = "service-" + (window / 3) % 50;
      long start = newest - MINUTE * (window / 150 % 60);
      SeriesAggregate aggregate = new SeriesAggregate(account, service, null, start);
      int requests = 100 + random.nextInt(400);
      for (int i = 0; i < requests; i++) {
        boolean error = random.nextInt(50) == 0;
        aggregate.add(
            ServiceEvent.newBuilder()
                .setAccount(account)
                .setLogGroup("/ecs/" + service)
                .setLogStream("bench")
                .setEventId(Integer.toString(i))
                .setEventTime(start + i)
                .setFormat("json")
                .setService(service)
                .setRequest(true)
                .setError(error)
                .setStatus(error ? 503 : 200)
                .setLatencyMs(Math.exp(3 + random.nextGaussian()))
                .setMessage("bench")
                .build());
      }
      for (CloudWatchDatum datum : mapper.map(aggregate.toMetricWindow(MINUTE, 0))) {
        if (latency || !datum.isDistribution()) {
          datums.add(datum);
        }
      }
    }
    return datums;
  }
}
