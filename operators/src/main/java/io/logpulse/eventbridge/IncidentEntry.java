package io.logpulse.eventbridge;

import io.logpulse.schema.Incident;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * One incident step as it waits in the sink for PutEvents: source {@value #SOURCE}, detail-type
 * {@value #DETAIL_TYPE} (both stable: rules match on them), {@code Time} the step's event time, no
 * {@code Resources} (an incident is about a service, which has no ARN; the suspects' resources are
 * in the detail), and the {@link IncidentJson detail} within {@link
 * PutEventsLimits#MAX_ENTRY_BYTES}. It keeps the incident id and revision for logging, and has a
 * compact binary form for the sink's checkpointed buffer. The SDK's entry is built only when a
 * request is sent.
 */
public final class IncidentEntry implements Serializable {

  /** The events' {@code source}. */
  public static final String SOURCE = "logpulse";

  /** The events' {@code detail-type}. */
  public static final String DETAIL_TYPE = "Incident";

  /** The largest detail an entry may carry: the entry limit less time, source and detail-type. */
  public static final long MAX_DETAIL_BYTES =
      PutEventsLimits.MAX_ENTRY_BYTES - PutEventsLimits.entrySize(sdkEntry(null, 0, null));

  private final String incidentId;
  private final int revision;
  private final long timeMillis;
  private final String detail;
  private final long sizeInBytes;

  IncidentEntry(String incidentId, int revision, long timeMillis, String detail) {
    this.incidentId = incidentId;
    this.revision = revision;
    this.timeMillis = timeMillis;
    this.detail = detail;
    this.sizeInBytes = PutEventsLimits.entrySize(sdkEntry(null, timeMillis, detail));
  }

  /**
   * The entry of an incident step with its detail, which {@link IncidentJson#detail} kept within
   * {@link #MAX_DETAIL_BYTES}.
   */
  public static IncidentEntry of(Incident incident, IncidentJson.Detail detail) {
    return new IncidentEntry(
        incident.getIncidentId(),
        incident.getRevision(),
        incident.getTime().toEpochMilli(),
        detail.json());
  }

  public String incidentId() {
    return incidentId;
  }

  public String detail() {
    return detail;
  }

  /** The entry's size as EventBridge measures it ({@link PutEventsLimits#entrySize}). */
  public long sizeInBytes() {
    return sizeInBytes;
  }

  /** The SDK's entry, for the given bus (name or ARN). */
  public PutEventsRequestEntry toSdk(String bus) {
    return sdkEntry(bus, timeMillis, detail);
  }

  private static PutEventsRequestEntry sdkEntry(String bus, long timeMillis, String detail) {
    return PutEventsRequestEntry.builder()
        .eventBusName(bus)
        .source(SOURCE)
        .detailType(DETAIL_TYPE)
        .time(Instant.ofEpochMilli(timeMillis))
        .detail(detail)
        .build();
  }

  /**
   * Writes the binary form read by {@link #read}; the detail may exceed 64 KB of modified UTF-8.
   */
  public void write(DataOutput out) throws IOException {
    out.writeUTF(incidentId);
    out.writeInt(revision);
    out.writeLong(timeMillis);
    byte[] bytes = detail.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads what {@link #write} wrote. */
  public static IncidentEntry read(DataInput in) throws IOException {
    String incidentId = in.readUTF();
    int revision = in.readInt();
    long timeMillis = in.readLong();
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new IncidentEntry(
        incidentId, revision, timeMillis, new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "incident " + incidentId + " revision " + revision;
  }
}
