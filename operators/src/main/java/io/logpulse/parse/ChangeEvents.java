package io.logpulse.parse;

import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.ServiceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the change signals out of parsed events: what incident correlation ranks as suspects. A
 * change signal is a CloudTrail API call (eventType AwsApiCall) that is not read-only and either
 * succeeded ({@code ServiceEvent.change}) or failed ({@code ServiceEvent.error_code}; nothing
 * changed, but someone tried, which is worth knowing next to an anomaly).
 */
public final class ChangeEvents {
  /** Every change kind a mutating CloudTrail call is classified as. */
  public static final List<String> KINDS =
      List.of("deploy", "configuration", "scaling", "iam", "network", "data", "delete", "other");

  /** Every agent: what made a call (see {@link CallerAgents}). */
  public static final List<String> AGENTS = CallerAgents.ALL;

  private static final String OTHER = "other";

  private ChangeEvents() {}

  /**
   * The change event of a parsed event, or null when it is not a change signal (not CloudTrail,
   * read-only, not an API call). Pure: the same event always gives an equal result, and nothing is
   * counted or kept.
   *
   * <p>{@code change_id} is the CloudTrail eventID (the log event id without one); {@code time} is
   * when the call was made (eventTime, else the log event's time) and {@code received} the log
   * event's time; a missing kind or agent is {@code other}.
   */
  public static ChangeEvent from(ServiceEvent e) {
    if (e == null
        || !LogFormat.CLOUDTRAIL.id.equals(e.getFormat())
        || !Boolean.FALSE.equals(e.getReadOnly())
        || (!e.getChange() && e.getErrorCode() == null)) {
      return null;
    }
    List<String> resources = e.getResources();
    return ChangeEvent.newBuilder()
        .setChangeId(e.getTrailEventId() != null ? e.getTrailEventId() : e.getEventId())
        .setAccount(e.getAccount())
        .setRegion(e.getRegion())
        .setTime(
            Instant.ofEpochMilli(e.getTimestamp() != null ? e.getTimestamp() : e.getEventTime()))
        .setReceived(Instant.ofEpochMilli(e.getEventTime()))
        .setEventSource(orEmpty(e.getEventSource()))
        .setEventName(orEmpty(e.getEventName()))
        .setChangeKind(e.getChangeKind() != null ? e.getChangeKind() : OTHER)
        .setFailed(e.getErrorCode() != null)
        .setErrorCode(e.getErrorCode())
        .setPrincipal(e.getPrincipal())
        .setPrincipalKind(e.getPrincipalKind())
        .setSourceIp(e.getSourceIp())
        .setUserAgent(e.getUserAgent())
        .setAgent(e.getAgent() != null ? e.getAgent() : OTHER)
        .setResources(resources == null ? new ArrayList<>() : new ArrayList<>(resources))
        .build();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
