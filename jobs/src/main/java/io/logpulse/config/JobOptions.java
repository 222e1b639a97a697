package io.logpulse.config;

import io.logpulse.decode.DecoderSettings;
import java.time.Duration;
import java.util.List;

/** The configuration keys of the job itself, wherever it runs. */
public final class JobOptions {

  /** Where the job's records come from. */
  public enum SourceType {
    /** The synthetic workload generator; only the local runner has it. */
    GENERATOR,
    /** Recorded Kinesis records read from a file or folder. */
    REPLAY,
    /** Kinesis Data Streams ({@code source.kinesis.*}). */
    KINESIS
  }

  /** How the job runs: as a stream with watermarks, or as a batch over a finished input. */
  public enum ExecutionMode {
    /** Batch for a finished recording (replay, bounded Kinesis read), streaming otherwise. */
    AUTO,
    /** Flink's batch execution: exact whatever the record order; needs a bounded source. */
    BATCH,
    /** Flink's streaming execution: watermarks and allowed lateness, as a live run. */
    STREAMING
  }

  public static final ConfigKey<SourceType> SOURCE_TYPE =
      ConfigKey.of(
          "source.type",
          "Where records come from: the embedded generator (local runner only), a replay of"
              + " recorded Kinesis records from source.replay.path, or Kinesis streams"
              + " (source.kinesis.*).",
          "generator",
          ValueParser.oneOf(SourceType.class));

  public static final ConfigKey<String> SOURCE_REPLAY_PATH =
      ConfigKey.of(
          "source.replay.path",
          "File or folder of recorded Kinesis records (aws kinesis get-records JSON or NDJSON) on"
              + " any Flink filesystem; required when source.type=replay.",
          null,
          ValueParser.text());

  public static final ConfigKey<ExecutionMode> EXECUTION_MODE =
      ConfigKey.of(
          "execution.mode",
          "auto: a replay or a bounded Kinesis read runs as a Flink batch job (inputs sorted by"
              + " event time, so the tables are exact whatever the record order, nothing is"
              + " TOO_LATE), a live source as a stream; batch or streaming force one (streaming"
              + " replays a recording with a live run's watermarks and lateness).",
          "auto",
          ValueParser.oneOf(ExecutionMode.class));

  public static final ConfigKey<String> OUTPUT_PATH =
      ConfigKey.of(
          "output.path",
          "Base path of the Parquet tables (metrics/, dead_letters/): a local folder or a Flink"
              + " filesystem URI.",
          "out",
          ValueParser.text());

  public static final ConfigKey<Long> OUTPUT_ROLLING_MAX_FILE_BYTES =
      ConfigKey.of(
          "output.rolling.max-file-bytes",
          "A Parquet part file is closed at every checkpoint, and earlier once it reaches this size"
              + " in bytes.",
          "134217728",
          ValueParser.longBetween(1 << 20, 1L << 40));

  public static final ConfigKey<Duration> OUTPUT_ROLLING_MAX_FILE_AGE =
      ConfigKey.of(
          "output.rolling.max-file-age",
          "A Parquet part file is closed at every checkpoint, and earlier once it has been open"
              + " this long (matters only with checkpoint intervals longer than this).",
          "15m",
          ValueParser.duration());

  public static final ConfigKey<Duration> WINDOW_SIZE =
      ConfigKey.of(
          "window.size",
          "Length of the event-time tumbling windows.",
          "1m",
          ValueParser.duration());

  public static final ConfigKey<Duration> WINDOW_ALLOWED_LATENESS =
      ConfigKey.of(
          "window.allowed-lateness",
          "How long after a window closes late events still correct it (a new revision); later"
              + " events are dead-lettered as TOO_LATE.",
          "5m",
          ValueParser.duration());

  public static final ConfigKey<Integer> WINDOW_PRE_AGGREGATION_MAX_SERIES =
      ConfigKey.of(
          "window.pre-aggregation.max-series",
          "Series-windows a subtask buffers before the shuffle before it flushes early.",
          "10000",
          ValueParser.intBetween(1, 10_000_000));

  public static final ConfigKey<Duration> WATERMARK_OUT_OF_ORDERNESS =
      ConfigKey.of(
          "watermark.out-of-orderness",
          "How far behind the newest event time the watermark trails.",
          "30s",
          ValueParser.duration());

  public static final ConfigKey<Duration> WATERMARK_IDLENESS =
      ConfigKey.of(
          "watermark.idleness",
          "After how long without events a source split stops holding back the watermark.",
          "1m",
          ValueParser.duration());

  public static final ConfigKey<Integer> DECODE_MAX_RECORD_BYTES =
      ConfigKey.of(
          "decode.max-record-bytes",
          "Largest decompressed subscription envelope accepted, at most 64 MiB (what a decoding"
              + " subtask can hold); larger ones, gzip bombs included, are dead-lettered"
              + " (OVERSIZED_RECORD) as soon as decompression passes the limit.",
          "16777216",
          ValueParser.intBetween(1024, DecoderSettings.MAX_RECORD_BYTES_LIMIT));

  public static final ConfigKey<Integer> DECODE_MAX_MESSAGE_BYTES =
      ConfigKey.of(
          "decode.max-message-bytes",
          "Largest log message accepted, in UTF-8 bytes (CloudWatch Logs' own limit is 1 MiB).",
          "1048576",
          ValueParser.intBetween(1, Integer.MAX_VALUE));

  public static final ConfigKey<Duration> DECODE_MAX_EVENT_AGE =
      ConfigKey.of(
          "decode.max-event-age",
          "Events older than this relative to their record's Kinesis arrival are dead-lettered.",
          "14d",
          ValueParser.duration());

  public static final ConfigKey<Duration> DECODE_MAX_EVENT_AHEAD =
      ConfigKey.of(
          "decode.max-event-ahead",
          "Events later than this relative to their record's arrival (or now) are dead-lettered.",
          "2h",
          ValueParser.duration());

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          SOURCE_TYPE,
          SOURCE_REPLAY_PATH,
          EXECUTION_MODE,
          OUTPUT_PATH,
          OUTPUT_ROLLING_MAX_FILE_BYTES,
          OUTPUT_ROLLING_MAX_FILE_AGE,
          WINDOW_SIZE,
          WINDOW_ALLOWED_LATENESS,
          WINDOW_PRE_AGGREGATION_MAX_SERIES,
          WATERMARK_OUT_OF_ORDERNESS,
          WATERMARK_IDLENESS,
          DECODE_MAX_RECORD_BYTES,
          DECODE_MAX_MESSAGE_BYTES,
          DECODE_MAX_EVENT_AGE,
          DECODE_MAX_EVENT_AHEAD);

  private JobOptions() {}
}
