package io.logpulse.decode;

import io.logpulse.common.Bytes;
import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes source records into log events; rejected records and events go to {@link DeadLetters#TAG}
 * with their reason and are counted.
 */
public class DecodeFunction extends ProcessFunction<SourceRecord, LogEvent> {

  static final String STAGE = "decode";

  private final DecoderSettings settings;
  private transient SubscriptionEnvelopeDecoder decoder;
  private transient JobMetrics metrics;
  private transient Counter records;
  private transient Counter events;
  private transient Counter controlMessages;

  public DecodeFunction(DecoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new SubscriptionEnvelopeDecoder(settings);
    metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
    records = metrics.counter("recordsDecoded");
    events = metrics.counter("logEvents");
    controlMessages = metrics.counter("controlMessages");
  }

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<LogEvent> out) {
    records.inc();
    long now = ctx.timerService().currentProcessingTime();
    if (record.getReadError() != null) {
      reject(ctx, record, DeadLetterReason.UNREADABLE_RECORD, record.getReadError(), now);
      return;
    }
    decoder.decode(
        Bytes.toArray(record.getData()),
        record.getArrivalTime(),
        now,
        new DecodeListener() {
          @Override
          public void logEvent(LogEvent event) {
            events.inc();
            out.collect(event);
          }

          @Override
          public void controlMessage() {
            controlMessages.inc();
          }

          @Override
          public void recordRejected(DeadLetterReason reason, String detail) {
            reject(ctx, record, reason, detail, now);
          }

          @Override
          public void eventRejected(RejectedEvent rejected) {
            metrics.deadLetter(rejected.reason());
            ctx.output(
                DeadLetters.TAG,
                DeadLetters.ofEvent(
                    record,
                    rejected.account(),
                    rejected.logGroup(),
                    rejected.timestamp(),
                    rejected.message(),
                    rejected.reason(),
                    rejected.detail(),
                    STAGE,
                    now));
          }
        });
  }

  private void reject(
      Context ctx, SourceRecord record, DeadLetterReason reason, String detail, long now) {
    metrics.deadLetter(reason);
    ctx.output(DeadLetters.TAG, DeadLetters.ofRecord(record, reason, detail, STAGE, now));
  }
}
