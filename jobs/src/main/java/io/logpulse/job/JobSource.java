package io.logpulse.job;

import io.logpulse.schema.DecodedRecord;
import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the job's records come from, in one of two shapes: raw records that the job decodes after
 * the source (the generator, replays), or records a source decodes itself so it can stamp per-split
 * watermarks (Kinesis: one split per shard).
 *
 * <p>A source is a <em>recording</em> when it is a finished input read to its end (a replay, a
 * bounded Kinesis read): {@code execution.mode=auto} computes it as a batch. The generator is
 * bounded too, but it simulates a live stream, so it is not a recording.
 */
public sealed interface JobSource {

  /** The source operator's name in the job graph and web UI. */
  String name();

  /** Whether the source is a finished recording (see the type's description). */
  boolean recording();

  /**
   * Raw Kinesis records; event time and watermarks are assigned after decoding.
   *
   * @param source the records
   * @param name the source's name
   * @param recording whether the records are a finished recording
   */
  record Raw(Source<SourceRecord, ?, ?> source, String name, boolean recording)
      implements JobSource {

    /** Raw records of a live (or simulated live) source. */
    public Raw(Source<SourceRecord, ?, ?> source, String name) {
      this(source, name, false);
    }
  }

  /**
   * Records decoded inside the source, which assigns per-split watermarks from the log events' own
   * timestamps.
   *
   * @param source the decoded records
   * @param name the source's name
   * @param recording whether the records are a finished recording
   */
  record Decoding(Source<DecodedRecord, ?, ?> source, String name, boolean recording)
      implements JobSource {}
}
