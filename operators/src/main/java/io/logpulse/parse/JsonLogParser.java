package io.logpulse.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpulse.parse.JsonFields.Slot;
import io.logpulse.parse.JsonKeys.Key;
import io.logpulse.parse.JsonKeys.Kind;
import io.logpulse.parse.Latencies.Unit;
import java.io.IOException;

/**
 * Reads JSON messages in one streaming pass and classifies them: CloudTrail events, Lambda platform
 * events and JSON application lines, API Gateway JSON access logs, and any other structured log.
 *
 * <p>Keys ({@link JsonKeys}) are matched by their dotted path, so {@code
 * {"http":{"status_code":500}}} and {@code {"http.status_code":500}} (ECS style) are the same.
 * Objects and arrays on paths that lead to no known key are skipped without being materialized,
 * which keeps large CloudTrail events and deeply nested payloads cheap; keys only CloudTrail needs
 * but other logs often have ({@code userAgent}) are read only after {@code eventVersion}, which
 * CloudTrail writes first (an event with its keys in another order, or trimmed of eventVersion, is
 * read a second time). Values of the wrong type (a status that is an object, a level that is a
 * boolean) are ignored; numeric strings are accepted where a number is expected.
 */
final class JsonLogParser {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_TEXT_LENGTH = 1024;
  private static final double NANOS_THRESHOLD = 1e7;

  private JsonLogParser() {}

  /**
   * Parses a message that starts with {@code {}.
   *
   * @param lambdaContext whether the log group or stream is a Lambda function's, which makes
   *     {@code {"level", "requestId"...}} lines Lambda application logs
   * @return false when the message is not a JSON object (the caller falls back to text)
   */
  static boolean parse(String message, boolean lambdaContext, EventDraft d) {
    JsonFields f = read(message, false);
    if (f == null) {
      return false;
    }
    if (isCloudTrail(f)) {
      if (f.skippedTrailKeys()) {
        // Keys out of CloudTrail's own order (re-serialized, sorted): read once more, all of them.
        JsonFields all = read(message, true);
        f = all != null ? all : f;
      }
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

  /**
   * Whether the message is a CloudTrail event: {@code eventVersion}, {@code eventSource} and {@code
   * eventName}, as CloudTrail writes every event; or, for events trimmed on the way (EventBridge
   * rules, custom forwarders drop {@code eventVersion} and {@code eventID}), an {@code eventName},
   * an {@code eventSource} that is an AWS service's ({@code *.amazonaws.com}), {@code awsRegion},
   * {@code recipientAccountId} and a {@code userIdentity} with a type, ARN, account or invoking
   * service. An application's own {@code {"eventName": "OrderPlaced", ...}} is none of these.
   */
  private static boolean isCloudTrail(JsonFields f) {
    if (!f.has(Slot.EVENT_SOURCE) || !f.has(Slot.EVENT_NAME)) {
      return false;
    }
    if (f.has(Slot.EVENT_VERSION)) {
      return true;
    }
    return f.text(Slot.EVENT_SOURCE).endsWith(".amazonaws.com")
        && f.has(Slot.REGION)
        && f.has(Slot.RECIPIENT_ACCOUNT)
        && (f.has(Slot.USER_TYPE)
            || f.has(Slot.USER_ARN)
            || f.has(Slot.USER_ACCOUNT)
            || f.has(Slot.INVOKED_BY));
  }

  /**
   * The known keys' values in one pass, or null when the message is not one JSON object.
   *
   * @param allTrailKeys see {@link JsonFields#JsonFields(boolean)}
   */
  private static JsonFields read(String message, boolean allTrailKeys) {
    JsonFields f = new JsonFields(allTrailKeys);
    try (JsonParser p = FACTORY.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      readObject(p, null, f);
      if (p.nextToken() != null) {
        return null; // text after the object: "{...} more" is a text line that starts with JSON
      }
    } catch (IOException e) {
      return null; // not JSON after all, truncated, or beyond Jackson's nesting/size limits
    }
    return f;
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
        if (JsonKeys.isContainer(path)) {
          readObject(p, path, f);
        } else {
          p.skipChildren();
        }
      } else if (t == JsonToken.START_ARRAY) {
        if (JsonKeys.isContainer(path)) {
          readArray(p, path, f);
        } else {
          p.skipChildren();
        }
      } else {
        Key key = JsonKeys.get(path);
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
    if (key.apiGateway()) {
      f.markApiGateway();
    }
    if (key.kind() == Kind.RESOURCE) {
      f.addResource(text(p, t), key.sources());
      return;
    }
    if (key.trail() && !f.readsTrailKeys()) {
      f.skipTrailKey();
      return;
    }
    if (key.slot() == null || !f.wants(key.slot(), key.rank())) {
      return;
    }
    f.put(key.slot(), key.rank(), convert(p, t, key));
  }

  private static Object convert(JsonParser p, JsonToken t, Key key) throws IOException {
    boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    boolean string = t == JsonToken.VALUE_STRING;
    switch (key.kind()) {
      case TEXT:
        return text(p, t);
      case LEVEL:
        if (string) {
          String level = p.getText().trim();
          String named = Levels.normalize(level);
          return named != null || !isNumber(level)
              ? named
              : Levels.fromNumber(Double.parseDouble(level));
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
          key.kind() == Kind.LATENCY_MILLIS_OR_NANOS
                  && value >= NANOS_THRESHOLD
                  && value == Math.rint(value)
              ? Unit.NANOS
              : key.unit();
      millis = Latencies.toMillis(value, unit);
    } else if (string) {
      String text = p.getText();
      millis = Latencies.parse(text, 0, text.length(), key.unit());
    } else {
      return null;
    }
    return Double.isNaN(millis) ? null : millis;
  }

  /** One to three digits: a numeric level written as a string ({@code "30"}). */
  private static boolean isNumber(String text) {
    if (text.isEmpty() || text.length() > 3) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Timestamps.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
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
