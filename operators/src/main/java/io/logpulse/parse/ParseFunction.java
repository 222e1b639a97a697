package io.logpulse.parse;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/** Parses each log event into a service event; parsing never fails, so nothing is rejected here. */
public class ParseFunction extends RichMapFunction<LogEvent, ServiceEvent> {

  private final ParserSettings settings;
  private transient LogEventParser parser;
  private transient Counter requests;
  private transient Counter errors;

  public ParseFunction(ParserSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    parser = new LogEventParser(settings);
    JobMetrics metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
    requests = metrics.counter("requests");
    errors = metrics.counter("errorEvents");
    metrics.gauge("parseFallbacks", parser::fallbacks);
  }

  @Override
  public ServiceEvent map(LogEvent event) {
    ServiceEvent parsed = parser.parse(event);
    if (parsed.getRequest()) {
      requests.inc();
    }
    if (parsed.getError()) {
      errors.inc();
    }
    return parsed;
  }
}
