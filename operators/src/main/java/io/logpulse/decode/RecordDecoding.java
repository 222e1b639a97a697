package io.logpulse.decode;

import io.logpulse.common.Bytes;
import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Decodes source records into log events and dead letters and counts both, wherever decoding runs:
 * in an operator after the source, or inside the Kinesis source. Not thread-safe.
 */
public final class RecordDecoding {

  static final String STAGE = "decode";

  private final SubscriptionEnvelopeDecoder decoder;
  private final JobMetrics metrics;
  private final Counter records;
  private final Counter events;
  private final Counter controlMessages;
  private final Counter readWarnings;

  public RecordDecoding(DecoderSettings settings, MetricGroup metricGroup) {
    this.decoder = new SubscriptionEnvelopeDecoder(settings);
    this.metrics = new JobMetrics(metricGroup);
    this.records = metrics.counter("recordsDecoded");
    this.events = metrics.counter("logEvents");
    this.controlMessages = metrics.counter("controlMessages");
    this.readWarnings = metrics.counter("recordReadWarnings");
  }

  /** Decodes one record; every outcome reaches one of the two consumers or is a control message. */
  public void decode(
      SourceRecord record, long now, Consumer<LogEvent> out, Consumer<DeadLetter> deadLetters) {
    records.inc();
    if (record.getReadError() != null) {
      metrics.deadLetter(DeadLetterReason.UNREADABLE_RECORD);
      deadLetters.accept(
          DeadLetters.ofRecord(
              record, DeadLetterReason.UNREADABLE_RECORD, record.getReadError(), STAGE, now));
      return;
    }
    if (record.getReadWarning() != null) {
      readWarnings.inc();
    }
    decoder.decode(
        Bytes.toArray(record.getData()),
        record.getArrivalTime(),
        now,
        new DecodeListener() {
          @Override
          public void logEvent(LogEvent event) {
            events.inc();
            out.accept(event);
          }

          @Override
          public void controlMessage() {
            controlMessages.inc();
          }

          @Override
          public void recordRejected(DeadLetterReason reason, String detail) {
            metrics.deadLetter(reason);
            deadLetters.accept(DeadLetters.ofRecord(record, reason, detail, STAGE, now));
          }

          @Override
          public void eventRejected(RejectedEvent rejected) {
            metrics.deadLetter(rejected.reason());
            DeadLetter deadLetter =
                DeadLetters.ofEvent(
                    record,
                    rejected.account(),
                    rejected.logGroup(),
                    rejected.timestamp(),
                    rejected.message(),
                    rejected.reason(),
                    rejected.detail(),
                    STAGE,
                    now);
            deadLetter.setEventId(rejected.id());
            deadLetters.accept(deadLetter);
          }
        });
  }
}
