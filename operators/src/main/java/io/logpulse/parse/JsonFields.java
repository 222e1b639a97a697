package io.logpulse.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The values one pass over a JSON message found for the keys {@link JsonLogParser} knows, already
 * converted to their types. Several keys can feed one slot (level, severity, lvl...); the key with
 * the lowest rank wins, and among equal ranks the first one seen.
 */
final class JsonFields {
  /** What a known key fills. */
  enum Slot {
    SERVICE,
    LEVEL,
    STATUS,
    LATENCY,
    REQUEST_ID,
    METHOD,
    PATH,
    ROUTE_KEY,
    TIME,
    MESSAGE_TYPE,
    RECORD_REQUEST_ID,
    RECORD_STATUS,
    RECORD_DURATION,
    RECORD_INIT_DURATION,
    RECORD_MEMORY,
    INTEGRATION_ERROR,
    EVENT_VERSION,
    EVENT_SOURCE,
    EVENT_NAME,
    EVENT_TYPE,
    REGION,
    RECIPIENT_ACCOUNT,
    USER_ACCOUNT,
    USER_ARN,
    ISSUER_ARN,
    INVOKED_BY,
    READ_ONLY,
    ERROR_CODE,
    RESOURCE,
    EVENT_ID,
    SOURCE_IP,
    USER_AGENT,
    USER_TYPE
  }

  private static final int MAX_RESOURCES = 32;
  private static final Slot[] SLOTS = Slot.values();

  private final Object[] values = new Object[SLOTS.length];
  private final int[] ranks = new int[SLOTS.length];
  private final boolean allTrailKeys;
  private List<String> resources;

  /** Per resource, the event sources its key belongs to; empty for any. */
  private List<Set<String>> resourceSources;

  private boolean apiGatewayKeys;
  private boolean skippedTrailKeys;

  /**
   * @param allTrailKeys whether to read CloudTrail-only keys ({@link JsonKeys.Key#trail()}) even
   *     before the message has shown itself to be a CloudTrail event
   */
  JsonFields(boolean allTrailKeys) {
    this.allTrailKeys = allTrailKeys;
    Arrays.fill(ranks, Integer.MAX_VALUE);
  }

  /**
   * Whether a CloudTrail-only key is worth reading now: CloudTrail writes {@code eventVersion}
   * first, so in any other message these keys (userAgent, sourceIPAddress...) cost nothing.
   */
  boolean readsTrailKeys() {
    return allTrailKeys || has(Slot.EVENT_VERSION);
  }

  /** Notes a CloudTrail-only key that was passed over because it came before eventVersion. */
  void skipTrailKey() {
    skippedTrailKeys = true;
  }

  boolean skippedTrailKeys() {
    return skippedTrailKeys;
  }

  /** Whether {@code rank} would replace the current value of {@code slot}. */
  boolean wants(Slot slot, int rank) {
    return rank < ranks[slot.ordinal()];
  }

  void put(Slot slot, int rank, Object value) {
    if (value != null && wants(slot, rank)) {
      values[slot.ordinal()] = value;
      ranks[slot.ordinal()] = rank;
    }
  }

  /**
   * Adds a resource name or ARN, keeping first-seen order, without duplicates.
   *
   * @param sources the event sources whose calls the key names a resource for (requestParameters
   *     {@code name} is a parameter in SSM, a rule in EventBridge and something else elsewhere);
   *     empty for any
   */
  void addResource(String resource, Set<String> sources) {
    if (resource == null || resource.isEmpty()) {
      return;
    }
    if (resources == null) {
      resources = new ArrayList<>(4);
      resourceSources = new ArrayList<>(4);
    }
    if (resources.size() >= MAX_RESOURCES) {
      return;
    }
    for (int i = 0; i < resources.size(); i++) {
      if (resources.get(i).equals(resource) && resourceSources.get(i).equals(sources)) {
        return;
      }
    }
    resources.add(resource);
    resourceSources.add(sources);
  }

  /** Notes a key only API Gateway access logs write (requestTime, routeKey, responseLatency...). */
  void markApiGateway() {
    apiGatewayKeys = true;
  }

  boolean hasApiGatewayKeys() {
    return apiGatewayKeys;
  }

  boolean has(Slot slot) {
    return values[slot.ordinal()] != null;
  }

  String text(Slot slot) {
    Object v = values[slot.ordinal()];
    return v instanceof String ? (String) v : null;
  }

  Integer integer(Slot slot) {
    Object v = values[slot.ordinal()];
    return v instanceof Integer ? (Integer) v : null;
  }

  Double decimal(Slot slot) {
    Object v = values[slot.ordinal()];
    return v instanceof Double ? (Double) v : null;
  }

  Long time(Slot slot) {
    Object v = values[slot.ordinal()];
    return v instanceof Long ? (Long) v : null;
  }

  Boolean bool(Slot slot) {
    Object v = values[slot.ordinal()];
    return v instanceof Boolean ? (Boolean) v : null;
  }

  /**
   * The resources of a call to {@code eventSource}, without those whose key belongs to other
   * services, in first-seen order and without duplicates.
   */
  List<String> resources(String eventSource) {
    if (resources == null) {
      return List.of();
    }
    List<String> kept = new ArrayList<>(resources.size());
    for (int i = 0; i < resources.size(); i++) {
      Set<String> sources = resourceSources.get(i);
      String resource = resources.get(i);
      boolean forThisSource =
          sources.isEmpty() || (eventSource != null && sources.contains(eventSource));
      if (forThisSource && !kept.contains(resource)) {
        kept.add(resource);
      }
    }
    return kept;
  }
}
