package io.logpulse.job;

import io.logpulse.schema.DecodedRecord;
import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the job's records come from, in one of two shapes: raw records that the job decodes after
 * the source (the generator, replays), or records a source decodes itself so it can stamp per-split
 * watermarks (Kinesis: one split per shard).
 */
public sealed interface JobSource {

  /** The source operator's name in the job graph and web UI. */
  String name();

  /**
   * Raw Kinesis records; event time and watermarks are assigned after decoding.
   *
   * @param source the records
   * @param name the source's name
   */
  record Raw(Source<SourceRecord, ?, ?> source, String name) implements JobSource {}

  /**
   * Records decoded inside the source, which assigns per-split watermarks from the log events' own
   * timestamps.
   *
   * @param source the decoded records
   * @param name the source's name
   */
  record Decoding(Source<DecodedRecord, ?, ?> source, String name) implements JobSource {}
}
