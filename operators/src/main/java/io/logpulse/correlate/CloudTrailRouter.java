package io.logpulse.correlate;

import io.logpulse.common.JobMetrics;
import io.logpulse.parse.ChangeEvents;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.ServiceEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Takes CloudTrail events out of the service events: they record API calls, not a service's
 * requests, so they must not become a {@code cloudtrail} service's metrics. Changes and failed
 * mutating calls go to {@link #CHANGES} (counted in {@code cloudTrailChanges}); the rest (read-only
 * calls, sign-ins, service events) end here, counted in {@code cloudTrailReadOnly}, as they change
 * nothing.
 */
public final class CloudTrailRouter extends ProcessFunction<ServiceEvent, ServiceEvent> {
  private static final long serialVersionUID = 1L;

  /** The change events, for the changes table and correlation. */
  public static final OutputTag<ChangeEvent> CHANGES =
      new OutputTag<>("changes", new AvroTypeInfo<>(ChangeEvent.class));

  private static final String CLOUDTRAIL = "cloudtrail";

  private transient Counter changes;
  private transient Counter readOnly;

  @Override
  public void open(OpenContext context) {
    JobMetrics metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
    changes = metrics.counter("cloudTrailChanges");
    readOnly = metrics.counter("cloudTrailReadOnly");
  }

  @Override
  public void processElement(ServiceEvent event, Context ctx, Collector<ServiceEvent> out) {
    if (!CLOUDTRAIL.equals(event.getFormat())) {
      out.collect(event);
      return;
    }
    ChangeEvent change = ChangeEvents.from(event);
    if (change != null) {
      changes.inc();
      ctx.output(CHANGES, change);
    } else {
      readOnly.inc();
    }
  }
}
