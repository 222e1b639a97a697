package io.logpulse.job;

import io.logpulse.config.ConfigException;
import io.logpulse.config.CorrelateOptions;
import io.logpulse.config.DetectOptions;
import io.logpulse.config.EventBridgeOptions;
import io.logpulse.config.ImpactOptions;
import io.logpulse.config.JobOptions;
import io.logpulse.config.JobOptions.ExecutionMode;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.config.ParseOptions;
import io.logpulse.correlate.CorrelateSettings;
import io.logpulse.decode.DecoderSettings;
import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.PatternSettings;
import io.logpulse.impact.ImpactSettings;
import io.logpulse.impact.Severity;
import io.logpulse.metrics.WindowSettings;
import io.logpulse.parse.ParserSettings;
import io.logpulse.schema.DecodedRecord;
import io.logpulse.schema.LogEvent;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The settings of every operator of the job graph, taken from one validated configuration.
 *
 * @param executionMode whether the job runs as a batch or a stream ({@code execution.mode})
 * @param outOfOrderness how far the watermark trails the newest event time
 * @param idleness after how long an idle split stops holding the watermark back
 * @param detectMetrics the metrics whose series are scored; empty when detection is off
 * @param detectLatencyMinSamples latencies a window needs before its p99 is scored
 * @param detect how the detectors run
 * @param patterns how the new-error-pattern detector runs; null when detection is off
 * @param correlate how impact becomes incidents with suspects; null when detection or correlation
 *     is off
 * @param impact when a service's windows show user impact that opens an incident; null when
 *     correlation is off
 * @param publishFrom the least severity of the incident steps published to EventBridge
 */
public record JobSettings(
    ExecutionMode executionMode,
    DecoderSettings decoder,
    ParserSettings parser,
    WindowSettings windows,
    Duration outOfOrderness,
    Duration idleness,
    Set<MetricKind> detectMetrics,
    long detectLatencyMinSamples,
    DetectSettings detect,
    PatternSettings patterns,
    CorrelateSettings correlate,
    ImpactSettings impact,
    Severity publishFrom)
    implements Serializable {

  /** Reads the job's settings from a configuration. */
  public static JobSettings from(LogpulseConfig config) {
    return new JobSettings(
        config.get(JobOptions.EXECUTION_MODE),
        new DecoderSettings(
            config.get(JobOptions.DECODE_MAX_RECORD_BYTES),
            config.get(JobOptions.DECODE_MAX_MESSAGE_BYTES),
            config.get(JobOptions.DECODE_MAX_EVENT_AGE),
            config.get(JobOptions.DECODE_MAX_EVENT_AHEAD)),
        ParseOptions.settings(config),
        new WindowSettings(
            config.get(JobOptions.WINDOW_SIZE),
            config.get(JobOptions.WINDOW_ALLOWED_LATENESS),
            config.get(JobOptions.WINDOW_PRE_AGGREGATION_MAX_SERIES)),
        config.get(JobOptions.WATERMARK_OUT_OF_ORDERNESS),
        config.get(JobOptions.WATERMARK_IDLENESS),
        config.get(DetectOptions.ENABLED) ? config.get(DetectOptions.METRICS) : Set.of(),
        config.get(DetectOptions.LATENCY_MIN_SAMPLES),
        DetectOptions.settings(config),
        config.get(DetectOptions.ENABLED) ? DetectOptions.patternSettings(config) : null,
        correlates(config) ? CorrelateOptions.settings(config) : null,
        correlates(config) ? ImpactOptions.settings(config) : null,
        config.get(EventBridgeOptions.MIN_SEVERITY));
  }

  private static boolean correlates(LogpulseConfig config) {
    return config.get(DetectOptions.ENABLED) && config.get(CorrelateOptions.ENABLED);
  }

  /**
   * How Flink runs the job over {@code source}: {@code execution.mode}, where {@code auto} means
   * batch for a recording and streaming for a live source.
   *
   * @throws ConfigException when batch is forced on a source that never ends
   */
  public RuntimeExecutionMode runtimeMode(JobSource source) {
    return switch (executionMode) {
      case AUTO -> source.recording() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING;
      case STREAMING -> RuntimeExecutionMode.STREAMING;
      case BATCH -> {
        if (!source.recording()) {
          throw new ConfigException(
              JobOptions.EXECUTION_MODE.name()
                  + "=batch needs a finished input: source.type=replay, or source.type=kinesis"
                  + " with source.kinesis.bounded=true; "
                  + source.name()
                  + " is a live source");
        }
        yield RuntimeExecutionMode.BATCH;
      }
    };
  }

  /**
   * The same watermarks for a source that decodes: dead letters carry no event time and leave the
   * watermark alone.
   */
  public WatermarkStrategy<DecodedRecord> decodedWatermarks() {
    return WatermarkStrategy.<DecodedRecord>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner(
            (record, previous) ->
                record.getEvent() != null ? record.getEvent().getTimestamp() : Long.MIN_VALUE)
        .withIdleness(idleness);
  }

  /** Event time is the log event's own timestamp, never the arrival time. */
  public WatermarkStrategy<LogEvent> watermarks() {
    return WatermarkStrategy.<LogEvent>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((event, previous) -> event.getTimestamp())
        .withIdleness(idleness);
  }
}
