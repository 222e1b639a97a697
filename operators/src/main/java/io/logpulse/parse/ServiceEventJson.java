package io.logpulse.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.logpulse.schema.ServiceEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a {@link ServiceEvent} as one NDJSON line: the output contract of {@code logpulse parse}
 * (the project design's contract, in the README's CLI section). Keys are always present, null when
 * unknown, in this order: {@code format, timestamp, level, error, status, latency_ms, method, path,
 * request_id, service, operation, request, cold_start, account, log_group}, and for CloudTrail
 * events also {@code event_source, event_name, region, principal, read_only, change, change_kind,
 * resources, trail_event_id, error_code, principal_kind, source_ip, user_agent, agent}.
 */
public final class ServiceEventJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private ServiceEventJson() {}

  /** Writes the event as JSON followed by a newline; does not flush or close {@code out}. */
  public static void writeLine(ServiceEvent event, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(event, g);
    }
    out.write('\n');
  }

  /** The event as one line of JSON, without the newline. */
  public static String toJson(ServiceEvent event) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(event, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(ServiceEvent e, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("format", e.getFormat());
    number(g, "timestamp", e.getTimestamp());
    g.writeStringField("level", e.getLevel());
    g.writeBooleanField("error", e.getError());
    number(g, "status", e.getStatus());
    number(g, "latency_ms", e.getLatencyMs());
    g.writeStringField("method", e.getMethod());
    g.writeStringField("path", e.getPath());
    g.writeStringField("request_id", e.getRequestId());
    g.writeStringField("service", e.getService());
    g.writeStringField("operation", e.getOperation());
    g.writeBooleanField("request", e.getRequest());
    g.writeBooleanField("cold_start", e.getColdStart());
    g.writeStringField("account", e.getAccount());
    g.writeStringField("log_group", e.getLogGroup());
    if (LogFormat.CLOUDTRAIL.id.equals(e.getFormat())) {
      g.writeStringField("event_source", e.getEventSource());
      g.writeStringField("event_name", e.getEventName());
      g.writeStringField("region", e.getRegion());
      g.writeStringField("principal", e.getPrincipal());
      if (e.getReadOnly() == null) {
        g.writeNullField("read_only");
      } else {
        g.writeBooleanField("read_only", e.getReadOnly());
      }
      g.writeBooleanField("change", e.getChange());
      g.writeStringField("change_kind", e.getChangeKind());
      g.writeArrayFieldStart("resources");
      if (e.getResources() != null) {
        for (String resource : e.getResources()) {
          g.writeString(resource);
        }
      }
      g.writeEndArray();
      g.writeStringField("trail_event_id", e.getTrailEventId());
      g.writeStringField("error_code", e.getErrorCode());
      g.writeStringField("principal_kind", e.getPrincipalKind());
      g.writeStringField("source_ip", e.getSourceIp());
      g.writeStringField("user_agent", e.getUserAgent());
      g.writeStringField("agent", e.getAgent());
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, Number value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Double) {
      g.writeNumber(value.doubleValue());
    } else {
      g.writeNumber(value.longValue());
    }
  }
}
