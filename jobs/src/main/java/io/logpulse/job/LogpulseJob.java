package io.logpulse.job;

import io.logpulse.cloudwatch.CloudWatchDatum;
import io.logpulse.cloudwatch.CloudWatchTimestampGuard;
import io.logpulse.correlate.CloudTrailRouter;
import io.logpulse.correlate.CorrelateSettings;
import io.logpulse.correlate.IncidentCorrelator;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.decode.DecodeFunction;
import io.logpulse.decode.DecodedRecordRouter;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.NewErrorPatternFunction;
import io.logpulse.detect.PatternSettings;
import io.logpulse.detect.SeriesAnomalyFunction;
import io.logpulse.detect.SeriesPoint;
import io.logpulse.impact.ImpactFunction;
import io.logpulse.impact.Severity;
import io.logpulse.metrics.MetricPreAggregator;
import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.metrics.SeriesAggregateTypeInfoFactory;
import io.logpulse.metrics.SeriesKeySelector;
import io.logpulse.metrics.WindowedMetricAggregator;
import io.logpulse.parse.ParseFunction;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.Incident;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.MetricWindow;
import io.logpulse.schema.ServiceEvent;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * The logpulse job graph: source records are decoded into log events, parsed into service events,
 * pre-aggregated, windowed into per-series metrics, scored for anomalies (and their error messages
 * mined for new templates) and written out (and, when configured, the windows' deltas published to
 * CloudWatch). CloudTrail events become change events instead, and anomalies become incidents with
 * the changes made before them ranked as suspects (written out and, when configured, published to
 * EventBridge). Whatever cannot be used goes to the dead-letter sink. It is a function of its
 * settings, source and sinks, so the deployed job, the local runner and the tests build the same
 * graph.
 */
public final class LogpulseJob {

  private LogpulseJob() {}

  /**
   * Adds the job's operators to {@code env} and sets its runtime mode ({@link
   * JobSettings#runtimeMode}): a recording runs in Flink's batch mode, where every keyed input is
   * sorted by key and event time and a single final watermark follows the input, so each operator
   * sees its events in event-time order and nothing is late, whatever the order of the records.
   */
  public static void define(
      StreamExecutionEnvironment env, JobSettings settings, JobSource source, JobSinks sinks) {
    env.setRuntimeMode(settings.runtimeMode(source));
    SingleOutputStreamOperator<LogEvent> logEvents;
    DataStream<LogEvent> timedEvents;
    if (source instanceof JobSource.Raw raw) {
      logEvents =
          env.fromSource(raw.source(), WatermarkStrategy.noWatermarks(), raw.name())
              .uid("source")
              .name(raw.name())
              .process(new DecodeFunction(settings.decoder()))
              .uid("decode")
              .name("Decode subscription envelopes");
      timedEvents =
          logEvents
              .assignTimestampsAndWatermarks(settings.watermarks())
              .uid("event-time")
              .name("Event time and watermarks");
    } else {
      JobSource.Decoding decoding = (JobSource.Decoding) source;
      logEvents =
          env.fromSource(decoding.source(), settings.decodedWatermarks(), decoding.name())
              .uid("source")
              .name(decoding.name())
              .process(new DecodedRecordRouter())
              .uid("route-decoded")
              .name("Split off dead letters");
      timedEvents = logEvents;
    }

    SingleOutputStreamOperator<ServiceEvent> serviceEvents =
        timedEvents
            .map(new ParseFunction(settings.parser()))
            .uid("parse")
            .name("Parse log events")
            .process(new CloudTrailRouter())
            .uid("route-cloudtrail")
            .name("Split off CloudTrail changes");
    DataStream<ChangeEvent> changes = serviceEvents.getSideOutput(CloudTrailRouter.CHANGES);
    changes.sinkTo(sinks.changes()).uid("changes-sink").name("Changes table");

    SingleOutputStreamOperator<SeriesAggregate> partials =
        serviceEvents
            .transform(
                "Pre-aggregate per series and window",
                SeriesAggregateTypeInfoFactory.TYPE,
                new MetricPreAggregator(settings.windows()))
            .uid("pre-aggregate");

    SingleOutputStreamOperator<MetricWindow> metrics =
        partials
            .keyBy(new SeriesKeySelector())
            .process(new WindowedMetricAggregator(settings.windows()))
            .uid("window-metrics")
            .name("Windowed metrics per series");

    metrics.sinkTo(sinks.metrics()).uid("metrics-sink").name("Metrics table");

    DataStream<DeadLetter> deadLetters =
        logEvents
            .getSideOutput(DeadLetters.TAG)
            .union(partials.getSideOutput(DeadLetters.TAG), metrics.getSideOutput(DeadLetters.TAG));
    if (sinks.cloudWatch() != null) {
      deadLetters = deadLetters.union(publishToCloudWatch(metrics, sinks.cloudWatch()));
    }
    deadLetters.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("Dead-letter table");

    DataStream<Anomaly> anomalies = detect(settings, metrics);
    if (settings.patterns() != null) {
      anomalies = anomalies.union(detectPatterns(settings.patterns(), serviceEvents));
    }
    anomalies.sinkTo(sinks.anomalies()).uid("anomalies-sink").name("Anomalies table");

    if (settings.correlate() != null) {
      DataStream<Anomaly> impact = judgeImpact(settings, metrics);
      DataStream<Incident> incidents =
          correlate(settings.correlate(), anomalies.union(impact), changes);
      incidents.sinkTo(sinks.incidents()).uid("incidents-sink").name("Incidents table");
      if (sinks.eventBridge() != null) {
        Severity publishFrom = settings.publishFrom();
        incidents
            .filter(
                incident -> Severity.valueOf(incident.getSeverity()).compareTo(publishFrom) >= 0)
            .uid("eventbridge-severity")
            .name("Incidents severe enough to publish")
            .sinkTo(sinks.eventBridge())
            .uid("eventbridge-sink")
            .name("EventBridge incidents");
      }
    }
  }

  /**
   * User impact: each service's whole-service windows judged against its own baseline; the impact
   * steps only reach the correlator, where they open incidents.
   */
  private static DataStream<Anomaly> judgeImpact(
      JobSettings settings, DataStream<MetricWindow> metrics) {
    return metrics
        .filter(ImpactFunction::judged)
        .uid("impact-windows")
        .name("Whole-service windows")
        .keyBy(ImpactFunction::keyOf)
        .process(new ImpactFunction(settings.impact(), settings.windows().sizeMs()))
        .uid("impact")
        .name("User impact per service");
  }

  /**
   * Incidents: impact steps, anomalies and changes keyed by account, with the changes of shared
   * accounts broadcast to every account.
   */
  private static DataStream<Incident> correlate(
      CorrelateSettings settings, DataStream<Anomaly> anomalies, DataStream<ChangeEvent> changes) {
    DataStream<Either<Anomaly, ChangeEvent>> inputs =
        anomalies
            .map(Either::<Anomaly, ChangeEvent>Left)
            .returns(IncidentCorrelator.INPUT_TYPE)
            .uid("correlate-anomalies")
            .name("Anomalies to correlate")
            .union(
                changes
                    .map(Either::<Anomaly, ChangeEvent>Right)
                    .returns(IncidentCorrelator.INPUT_TYPE)
                    .uid("correlate-changes")
                    .name("Changes to correlate"));
    Set<String> sharedAccounts = settings.sharedAccounts();
    BroadcastStream<ChangeEvent> shared =
        changes
            .filter(change -> sharedAccounts.contains(change.getAccount()))
            .uid("shared-changes")
            .name("Changes of shared accounts")
            .broadcast(IncidentCorrelator.SHARED_CHANGES);
    return inputs
        .keyBy(IncidentCorrelator::accountOf)
        .connect(shared)
        .process(new IncidentCorrelator(settings))
        .uid("correlate")
        .name("Correlate anomalies with changes");
  }

  /**
   * Anomaly detection on the windowed metrics: each new window becomes one value per configured
   * metric, keyed by series (account, service, operation, metric), scored by that series' ensemble.
   */
  private static DataStream<Anomaly> detect(
      JobSettings settings, DataStream<MetricWindow> metrics) {
    Set<MetricKind> detectMetrics = settings.detectMetrics();
    long minLatencySamples = settings.detectLatencyMinSamples();
    return metrics
        .flatMap(
            (MetricWindow window, Collector<SeriesPoint> out) ->
                SeriesPoint.of(window, detectMetrics, minLatencySamples).forEach(out::collect))
        .returns(SeriesPoint.class)
        .uid("detect-points")
        .name("Detection values per series")
        .keyBy(SeriesPoint::seriesKey)
        .process(new SeriesAnomalyFunction(settings.detect()))
        .uid("detect-series")
        .name("Anomaly detection per series");
  }

  /**
   * New error patterns: each service's error events, mined for log templates; a template never seen
   * before that comes in volume is an anomaly.
   */
  private static DataStream<Anomaly> detectPatterns(
      PatternSettings settings, DataStream<ServiceEvent> serviceEvents) {
    return serviceEvents
        .filter(ServiceEvent::getError)
        .uid("error-events")
        .name("Error events")
        .keyBy(NewErrorPatternFunction::keyOf)
        .process(new NewErrorPatternFunction(settings))
        .uid("detect-patterns")
        .name("New error patterns per service");
  }

  /**
   * Publishes the windows' deltas (so corrections add up instead of counting twice), after
   * dead-lettering those whose timestamps CloudWatch would reject; returns those dead letters.
   */
  private static DataStream<DeadLetter> publishToCloudWatch(
      SingleOutputStreamOperator<MetricWindow> metrics, JobSinks.CloudWatchOutput cloudWatch) {
    SingleOutputStreamOperator<MetricWindow> accepted =
        metrics
            .getSideOutput(WindowedMetricAggregator.DELTAS)
            .process(new CloudWatchTimestampGuard())
            .uid("cloudwatch-timestamps")
            .name("CloudWatch timestamp check");
    accepted
        .flatMap(cloudWatch.mapper())
        .returns(CloudWatchDatum.class)
        .uid("cloudwatch-datums")
        .name("CloudWatch datums")
        .sinkTo(cloudWatch.sink())
        .uid("cloudwatch-sink")
        .name("CloudWatch metrics");
    return accepted.getSideOutput(DeadLetters.TAG);
  }
}
