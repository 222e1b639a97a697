package io.logpulse.decode;

import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.DecodedRecord;
import io.logpulse.schema.LogEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Splits a decoding source's output into log events and dead letters ({@link DeadLetters#TAG}). */
public class DecodedRecordRouter extends ProcessFunction<DecodedRecord, LogEvent> {

  @Override
  public void processElement(DecodedRecord record, Context ctx, Collector<LogEvent> out) {
    if (record.getEvent() != null) {
      out.collect(record.getEvent());
    } else if (record.getDeadLetter() != null) {
      ctx.output(DeadLetters.TAG, record.getDeadLetter());
    }
  }
}
