package io.logpulse.decode;

import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes source records into log events; rejected records and events go to {@link DeadLetters#TAG}
 * with their reason and are counted.
 */
public class DecodeFunction extends ProcessFunction<SourceRecord, LogEvent> {

  private final DecoderSettings settings;
  private transient RecordDecoding decoding;

  public DecodeFunction(DecoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    decoding = new RecordDecoding(settings, getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<LogEvent> out) {
    decoding.decode(
        record,
        ctx.timerService().currentProcessingTime(),
        out::collect,
        deadLetter -> ctx.output(DeadLetters.TAG, deadLetter));
  }
}
