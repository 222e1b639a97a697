package io.logpulse.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    SSM_NAME
  }

  private static final int MAX_RESOURCES = 32;
  private static final Slot[] SLOTS = Slot.values();

  private final Object[] values = new Object[SLOTS.length];
  private final int[] ranks = new int[SLOTS.length];
  private List<String> resources;
  private boolean apiGatewayKeys;

  JsonFields() {
    Arrays.fill(ranks, Integer.MAX_VALUE);
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

  /** Adds a resource name or ARN, keeping first-seen order, without duplicates. */
  void addResource(String resource) {
    if (resource == null || resource.isEmpty()) {
      return;
    }
    if (resources == null) {
      resources = new ArrayList<>(4);
    }
    if (resources.size() < MAX_RESOURCES && !resources.contains(resource)) {
      resources.add(resource);
    }
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

  List<String> resources() {
    return resources == null ? List.of() : resources;
  }
}
