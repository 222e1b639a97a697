package io.logpulse.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpulse.parse.JsonFields.Slot;
import io.logpulse.parse.Latencies.Unit;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON messages in one streaming pass and classifies them: CloudTrail events, Lambda platform
 * events and JSON application lines, API Gateway JSON access logs, and any other structured log.
 *
 * <p>Keys are matched by their dotted path, so {@code {"http":{"status_code":500}}} and {@code
 * {"http.status_code":500}} (ECS style) are the same. Objects and arrays on paths that lead to no
 * known key are skipped without being materialized, which keeps large CloudTrail events and deeply
 * nested payloads cheap. Values of the wrong type (a status that is an object, a level that is a
 * boolean) are ignored; numeric strings are accepted where a number is expected.
 *
 * <p>Latency keys and units: a {@code _ms}/{@code Ms} suffix means milliseconds, {@code _s}/{@code
 * _seconds} seconds, {@code _us} microseconds, {@code _ns} nanoseconds. Bare {@code latency},
 * {@code response_time}, {@code responseTime}, {@code took} and API Gateway's {@code
 * responseLatency}/{@code integrationLatency} are milliseconds; bare {@code request_time} is
 * seconds (nginx's {@code $request_time} in a JSON log format). Bare {@code duration} and {@code
 * elapsed} are milliseconds unless the value is a whole number of at least 10,000,000, which is
 * read as nanoseconds (Go's {@code time.Duration}, as slog writes it; ten million milliseconds
 * would be a request of nearly three hours). Strings may carry their own unit ({@code "1.2s"}).
 */
final class JsonLogParser {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_TEXT_LENGTH = 1024;
  private static final double NANOS_THRESHOLD = 1e7;

  /** How a key's value is read. */
  private enum Kind {
    TEXT,
    LEVEL,
    STATUS,
    LATENCY,
    LATENCY_MILLIS_OR_NANOS,
    MILLIS,
    MEGABYTES,
    TIME,
    BOOL,
    RESOURCE,
    MARKER
  }

  private record Key(Slot slot, int rank, Kind kind, Unit unit, boolean apiGateway) {}

  private static final Map<String, Key> KEYS = new HashMap<>();

  /** Paths of objects and arrays that contain known keys: the only containers read. */
  private static final Set<String> CONTAINERS = new HashSet<>();

  static {
    keys(Slot.SERVICE, Kind.TEXT, "service", "service.name", "serviceName", "app", "application");
    keys(Slot.LEVEL, Kind.LEVEL, "level", "severity", "lvl", "log.level", "loglevel", "levelname");
    keys(
        Slot.STATUS,
        Kind.STATUS,
        "status",
        "statusCode",
        "status_code",
        "http.status_code",
        "response.status",
        "http.response.status_code");
    keys(
        Slot.REQUEST_ID,
        Kind.TEXT,
        "request_id",
        "requestId",
        "req_id",
        "x-request-id",
        "awsRequestId",
        "function_request_id",
        "requestID",
        "trace_id");
    keys(
        Slot.METHOD,
        Kind.TEXT,
        "method",
        "http.method",
        "httpMethod",
        "verb",
        "request.method",
        "http.request.method");
    keys(
        Slot.PATH,
        Kind.TEXT,
        "path",
        "http.path",
        "request.path",
        "url.path",
        "uri",
        "url",
        "http.url",
        "route",
        "resourcePath");
    keys(
        Slot.TIME,
        Kind.TIME,
        "timestamp",
        "@timestamp",
        "time",
        "ts",
        "eventTime",
        "requestTimeEpoch",
        "requestTime");
    latencyKeys();
    keys(Slot.ROUTE_KEY, Kind.TEXT, "routeKey");
    keys(Slot.MESSAGE_TYPE, Kind.TEXT, "type");
    keys(Slot.RECORD_REQUEST_ID, Kind.TEXT, "record.requestId");
    keys(Slot.RECORD_STATUS, Kind.TEXT, "record.status");
    keys(Slot.RECORD_ERROR_TYPE, Kind.TEXT, "record.errorType");
    keys(Slot.RECORD_DURATION, Kind.MILLIS, "record.metrics.durationMs");
    keys(Slot.RECORD_INIT_DURATION, Kind.MILLIS, "record.metrics.initDurationMs");
    keys(Slot.RECORD_MEMORY, Kind.MEGABYTES, "record.metrics.maxMemoryUsedMB");
    keys(Slot.INTEGRATION_ERROR, Kind.TEXT, "integrationError");
    keys(null, Kind.MARKER, "responseLength", "integrationStatus");
    for (String apiGatewayKey :
        new String[] {
          "requestTime",
          "requestTimeEpoch",
          "routeKey",
          "resourcePath",
          "responseLatency",
          "integrationLatency",
          "integrationError",
          "responseLength",
          "integrationStatus"
        }) {
      Key key = KEYS.get(apiGatewayKey);
      KEYS.put(apiGatewayKey, new Key(key.slot, key.rank, key.kind, key.unit, true));
    }
    keys(Slot.EVENT_VERSION, Kind.TEXT, "eventVersion");
    keys(Slot.EVENT_SOURCE, Kind.TEXT, "eventSource");
    keys(Slot.EVENT_NAME, Kind.TEXT, "eventName");
    keys(Slot.EVENT_TYPE, Kind.TEXT, "eventType");
    keys(Slot.REGION, Kind.TEXT, "awsRegion");
    keys(Slot.RECIPIENT_ACCOUNT, Kind.TEXT, "recipientAccountId");
    keys(Slot.USER_ACCOUNT, Kind.TEXT, "userIdentity.accountId");
    keys(Slot.USER_ARN, Kind.TEXT, "userIdentity.arn");
    keys(Slot.ISSUER_ARN, Kind.TEXT, "userIdentity.sessionContext.sessionIssuer.arn");
    keys(Slot.INVOKED_BY, Kind.TEXT, "userIdentity.invokedBy");
    keys(Slot.READ_ONLY, Kind.BOOL, "readOnly");
    keys(Slot.ERROR_CODE, Kind.TEXT, "errorCode");
    keys(Slot.SSM_NAME, Kind.TEXT, "requestParameters.name");
    keys(
        Slot.RESOURCE,
        Kind.RESOURCE,
        "resources.ARN",
        "requestParameters.functionName",
        "requestParameters.serviceName",
        "requestParameters.cluster",
        "requestParameters.stackName",
        "requestParameters.groupId",
        "requestParameters.tableName",
        "requestParameters.bucketName");
    for (String path : KEYS.keySet()) {
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        CONTAINERS.add(path.substring(0, dot));
      }
    }
  }

  private static void latencyKeys() {
    key("responseLatency", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    String[] bases = {"latency", "duration", "elapsed", "response_time", "request_time", "took"};
    for (String base : bases) {
      key(base + "_ms", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
      key(base + "_s", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
      key(base + "_seconds", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
      key(base + "_us", Slot.LATENCY, Kind.LATENCY, Unit.MICROS);
      key(base + "_ns", Slot.LATENCY, Kind.LATENCY, Unit.NANOS);
    }
    for (String camel : new String[] {"latencyMs", "durationMs", "elapsedMs", "responseTimeMs"}) {
      key(camel, Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    }
    key("latency", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    key("duration", Slot.LATENCY, Kind.LATENCY_MILLIS_OR_NANOS, Unit.MILLIS);
    key("elapsed", Slot.LATENCY, Kind.LATENCY_MILLIS_OR_NANOS, Unit.MILLIS);
    key("response_time", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    key("responseTime", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    key("request_time", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
    key("took", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    key("integrationLatency", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
  }

  /** Registers {@code paths} for one slot, ranked in the order given. */
  private static void keys(Slot slot, Kind kind, String... paths) {
    for (String path : paths) {
      key(path, slot, kind, Unit.MILLIS);
    }
  }

  private static void key(String path, Slot slot, Kind kind, Unit unit) {
    int rank = (int) KEYS.values().stream().filter(k -> k.slot == slot).count();
    KEYS.put(path, new Key(slot, rank, kind, unit, false));
  }

  private JsonLogParser() {}

  /**
   * Parses a message that starts with {@code {}.
   *
   * @param lambdaContext whether the log group or stream is a Lambda function's, which makes
   *     {@code {"level", "requestId"...}} lines Lambda application logs
   * @return false when the message is not a JSON object (the caller falls back to text)
   */
  static boolean parse(String message, boolean lambdaContext, EventDraft d) {
    JsonFields f = new JsonFields();
    try (JsonParser p = FACTORY.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      readObject(p, null, f);
      if (p.nextToken() != null) {
        return false; // text after the object: "{...} more" is a text line that starts with JSON
      }
    } catch (IOException e) {
      return false; // not JSON after all, truncated, or beyond Jackson's nesting/size limits
    }
    if (f.has(Slot.EVENT_VERSION) && f.has(Slot.EVENT_SOURCE) && f.has(Slot.EVENT_NAME)) {
      CloudTrailEvents.fill(f, d);
      return true;
    }
    String type = f.text(Slot.MESSAGE_TYPE);
    if (type != null && type.startsWith("platform.")) {
      lambdaPlatform(f, type, d);
      return true;
    }
    common(f, d);
    if (lambdaContext && f.has(Slot.REQUEST_ID) && f.has(Slot.LEVEL)) {
      d.format = LogFormat.LAMBDA;
    } else if (f.hasApiGatewayKeys() && f.has(Slot.REQUEST_ID)) {
      d.format = LogFormat.APIGATEWAY;
      d.request = true;
      String integrationError = f.text(Slot.INTEGRATION_ERROR);
      d.integrationError = integrationError != null && !integrationError.equals("-");
    } else {
      d.format = LogFormat.JSON;
      d.request = d.status != null || d.latencyMs != null;
    }
    return true;
  }

  /** The fields every structured log may carry. */
  private static void common(JsonFields f, EventDraft d) {
    d.service = f.text(Slot.SERVICE);
    d.level = f.text(Slot.LEVEL);
    d.status = f.integer(Slot.STATUS);
    d.latencyMs = f.decimal(Slot.LATENCY);
    d.requestId = f.text(Slot.REQUEST_ID);
    d.timestamp = f.time(Slot.TIME);
    d.method = RequestPaths.method(f.text(Slot.METHOD));
    d.path = RequestPaths.path(f.text(Slot.PATH));
    String routeKey = f.text(Slot.ROUTE_KEY);
    int space = routeKey == null ? -1 : routeKey.indexOf(' ');
    if (space > 0) {
      if (d.method == null) {
        d.method = RequestPaths.method(routeKey.substring(0, space));
      }
      if (d.path == null) {
        d.path = RequestPaths.path(routeKey.substring(space + 1));
      }
    }
  }

  /**
   * Lambda's JSON log format platform events. {@code platform.report} is the invocation (the
   * request); a {@code status} other than success on it or on {@code platform.runtimeDone} is a
   * Lambda failure.
   */
  private static void lambdaPlatform(JsonFields f, String type, EventDraft d) {
    d.format = LogFormat.LAMBDA;
    d.timestamp = f.time(Slot.TIME);
    d.requestId = f.text(Slot.RECORD_REQUEST_ID);
    d.level = Levels.INFO;
    String status = f.text(Slot.RECORD_STATUS);
    if (status != null && !status.equalsIgnoreCase("success")) {
      d.lambdaFailure = true;
      d.level = Levels.ERROR;
    }
    if (type.equals("platform.report")) {
      d.request = true;
      d.latencyMs = f.decimal(Slot.RECORD_DURATION);
      d.initDurationMs = f.decimal(Slot.RECORD_INIT_DURATION);
      d.coldStart = d.initDurationMs != null;
      d.memoryUsedMb = f.integer(Slot.RECORD_MEMORY);
    }
  }

  private static void readObject(JsonParser p, String prefix, JsonFields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String path = prefix == null ? name : prefix + '.' + name;
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        if (CONTAINERS.contains(path)) {
          readObject(p, path, f);
        } else {
          p.skipChildren();
        }
      } else if (t == JsonToken.START_ARRAY) {
        if (CONTAINERS.contains(path)) {
          readArray(p, path, f);
        } else {
          p.skipChildren();
        }
      } else {
        Key key = KEYS.get(path);
        if (key != null) {
          readValue(p, t, key, f);
        }
      }
    }
  }

  /** Arrays are transparent: the objects in {@code resources: [{ARN}]} are on path resources. */
  private static void readArray(JsonParser p, String path, JsonFields f) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t == JsonToken.START_OBJECT) {
        readObject(p, path, f);
      } else {
        p.skipChildren();
      }
    }
  }

  private static void readValue(JsonParser p, JsonToken t, Key key, JsonFields f)
      throws IOException {
    if (key.apiGateway) {
      f.markApiGateway();
    }
    if (key.kind == Kind.RESOURCE) {
      f.addResource(text(p, t));
      return;
    }
    if (key.slot == null || !f.wants(key.slot, key.rank)) {
      return;
    }
    f.put(key.slot, key.rank, convert(p, t, key));
  }

  private static Object convert(JsonParser p, JsonToken t, Key key) throws IOException {
    boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    boolean string = t == JsonToken.VALUE_STRING;
    switch (key.kind) {
      case TEXT:
        return text(p, t);
      case LEVEL:
        if (string) {
          return Levels.normalize(p.getText().trim());
        }
        return number ? Levels.fromNumber(p.getDoubleValue()) : null;
      case STATUS:
        return status(p, t, number, string);
      case LATENCY:
      case LATENCY_MILLIS_OR_NANOS:
        return latency(p, key, number, string);
      case MILLIS:
        return number ? nonNegative(p.getDoubleValue()) : null;
      case MEGABYTES:
        Double mb = number ? nonNegative(p.getDoubleValue()) : null;
        return mb == null || mb > Integer.MAX_VALUE ? null : (int) Math.round(mb);
      case TIME:
        long time =
            string
                ? Timestamps.parse(p.getText())
                : number ? Timestamps.epoch(p.getDoubleValue()) : Timestamps.NONE;
        return time == Timestamps.NONE ? null : time;
      case BOOL:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        String word = string ? p.getText() : "";
        return word.equalsIgnoreCase("true")
            ? Boolean.TRUE
            : word.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      default:
        return null;
    }
  }

  private static Integer status(JsonParser p, JsonToken t, boolean number, boolean string)
      throws IOException {
    double value;
    if (number) {
      value = p.getDoubleValue();
    } else if (string) {
      String text = p.getText().trim();
      if (text.length() != 3
          || !Timestamps.isDigit(text.charAt(0))
          || !Timestamps.isDigit(text.charAt(1))
          || !Timestamps.isDigit(text.charAt(2))) {
        return null;
      }
      value = Integer.parseInt(text);
    } else {
      return null;
    }
    return value >= 100 && value <= 599 && value == Math.rint(value) ? (int) value : null;
  }

  private static Double latency(JsonParser p, Key key, boolean number, boolean string)
      throws IOException {
    double millis;
    if (number) {
      double value = p.getDoubleValue();
      Unit unit =
          key.kind == Kind.LATENCY_MILLIS_OR_NANOS
                  && value >= NANOS_THRESHOLD
                  && value == Math.rint(value)
              ? Unit.NANOS
              : key.unit;
      millis = Latencies.toMillis(value, unit);
    } else if (string) {
      String text = p.getText();
      millis = Latencies.parse(text, 0, text.length(), key.unit);
    } else {
      return null;
    }
    return Double.isNaN(millis) ? null : millis;
  }

  private static Double nonNegative(double value) {
    return value >= 0 && !Double.isInfinite(value) ? value : null;
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
      return null;
    }
    String text = p.getText().trim();
    if (text.isEmpty()) {
      return null;
    }
    return text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text;
  }
}
