package io.logpulse.eventbridge;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Incident;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an incident step into its PutEvents entry as it enters the sink, so the sink buffers and
 * batches entries by the size EventBridge will measure. A step whose detail had to be shortened to
 * fit an event is counted in {@code eventBridgeTruncated} (group {@code kinesisanalytics}) and
 * logged with its incident id.
 */
final class IncidentEntryConverter implements ElementConverter<Incident, IncidentEntry> {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentEntryConverter.class);

  private transient Counter truncated;

  @Override
  public void open(WriterInitContext context) {
    truncated = new JobMetrics(context.metricGroup()).counter("eventBridgeTruncated");
  }

  @Override
  public IncidentEntry apply(Incident incident, SinkWriter.Context context) {
    IncidentJson.Detail detail = IncidentJson.detail(incident, IncidentEntry.MAX_DETAIL_BYTES);
    if (detail.omitted().any()) {
      truncated.inc();
      LOG.warn(
          "incident {} revision {} is too large for one EventBridge event; sent without {}",
          incident.getIncidentId(),
          incident.getRevision(),
          detail.omitted());
    }
    return IncidentEntry.of(incident, detail);
  }
}
