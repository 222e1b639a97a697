package io.logpulse.parse;

import io.logpulse.parse.JsonFields.Slot;
import io.logpulse.parse.Latencies.Unit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JSON keys {@link JsonLogParser} reads, by dotted path, and how each value is read. Keys that
 * fill the same slot are ranked in the order they are listed here: the first listed wins when a
 * message has several (a key with an explicit unit beats a bare one, a request id beats a trace
 * id).
 *
 * <p>Latency keys and units: a {@code _ms}/{@code Ms} suffix means milliseconds, {@code _s}/{@code
 * _seconds} seconds, {@code _us} microseconds, {@code _ns} nanoseconds. Bare {@code latency},
 * {@code response_time}, {@code responseTime}, {@code took} and API Gateway's {@code
 * responseLatency}/{@code integrationLatency} are milliseconds; bare {@code request_time} is
 * seconds (nginx's {@code $request_time} in a JSON log format). Bare {@code duration} and {@code
 * elapsed} are milliseconds unless the value is a whole number of at least 10,000,000, which is
 * read as nanoseconds (Go's {@code time.Duration}, as slog writes it; ten million milliseconds
 * would be a request of nearly three hours). Strings may carry their own unit ({@code "1.2s"}).
 *
 * <p>Besides the common spellings, the keys of widespread logging libraries are read: pino-http
 * ({@code req.method}, {@code req.url}, {@code res.statusCode}, {@code responseTime} in ms),
 * Serilog's compact JSON and ASP.NET Core request logging ({@code @t}, {@code @l}, {@code
 * RequestMethod}, {@code RequestPath}, {@code StatusCode}, {@code Elapsed} in ms), Elastic Common
 * Schema ({@code @timestamp}, {@code log.level}, {@code http.request.method}, {@code
 * http.response.status_code}, {@code url.path}, {@code event.duration} in nanoseconds) and Google
 * Cloud's structured {@code httpRequest} ({@code latency} in seconds, such as {@code "0.012s"}).
 * Numeric levels, as numbers or numeric strings, are pino/bunyan levels (30 info, 50 error).
 *
 * <p>CloudTrail resources come from {@code resources[].ARN} and from the {@code requestParameters}
 * and {@code responseElements} keys of the common change APIs (Lambda, ECS, CloudFormation, SSM,
 * EC2 security groups, network ACLs and route tables, DynamoDB, S3, Auto Scaling, Elastic Load
 * Balancing listeners, rules and target groups, API Gateway, RDS, IAM roles and policies, KMS keys,
 * CloudWatch Logs, SNS, SQS, EventBridge, EC2 instances). A key whose name means different things
 * in different services ({@code name}, {@code service}, {@code rule}, {@code groupId}...) names a
 * resource only in calls to the services listed with it.
 */
final class JsonKeys {
  /** How a key's value is read. */
  enum Kind {
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
    /** Only the key's presence matters. */
    PRESENCE
  }

  /**
   * @param slot what the value fills; null for {@link Kind#PRESENCE} keys
   * @param rank lower wins among keys of one slot
   * @param apiGateway whether only API Gateway access logs write this key
   * @param trail whether the key matters only in CloudTrail events while other logs often have it
   *     too ({@code userAgent}): it is read only once the message has shown {@code eventVersion}
   * @param sources for {@link Kind#RESOURCE} keys, the event sources (services) in whose calls the
   *     key names a resource; empty for any
   */
  record Key(
      Slot slot,
      int rank,
      Kind kind,
      Unit unit,
      boolean apiGateway,
      boolean trail,
      Set<String> sources) {}

  private static final String ECS = "ecs.amazonaws.com";
  private static final String EC2 = "ec2.amazonaws.com";
  private static final String IAM = "iam.amazonaws.com";

  private static final Set<String> API_GATEWAY_KEYS =
      Set.of(
          "requestTime",
          "requestTimeEpoch",
          "routeKey",
          "resourcePath",
          "responseLatency",
          "integrationLatency",
          "integrationError",
          "responseLength",
          "integrationStatus");

  private static final Map<String, Key> KEYS = table();

  /** Paths of objects and arrays that contain known keys: the only containers worth reading. */
  private static final Set<String> CONTAINERS = containers(KEYS.keySet());

  private JsonKeys() {}

  /** The key at a dotted path, or null when the value does not matter. */
  static Key get(String path) {
    return KEYS.get(path);
  }

  /** Whether the object or array at a dotted path holds known keys. */
  static boolean isContainer(String path) {
    return CONTAINERS.contains(path);
  }

  private static Map<String, Key> table() {
    Table t = new Table();
    t.add(Slot.SERVICE, Kind.TEXT, "service", "service.name", "serviceName", "app", "application");
    t.add(
        Slot.LEVEL,
        Kind.LEVEL,
        "level",
        "severity",
        "lvl",
        "log.level",
        "loglevel",
        "levelname",
        "@l");
    t.add(
        Slot.STATUS,
        Kind.STATUS,
        "status",
        "statusCode",
        "status_code",
        "http.status_code",
        "response.status",
        "http.response.status_code",
        "res.statusCode",
        "StatusCode",
        "httpRequest.status");
    t.add(
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
    t.add(
        Slot.METHOD,
        Kind.TEXT,
        "method",
        "http.method",
        "httpMethod",
        "verb",
        "request.method",
        "http.request.method",
        "req.method",
        "RequestMethod",
        "httpRequest.requestMethod");
    t.add(
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
        "resourcePath",
        "req.url",
        "RequestPath",
        "httpRequest.requestUrl");
    t.add(
        Slot.TIME,
        Kind.TIME,
        "timestamp",
        "@timestamp",
        "time",
        "ts",
        "eventTime",
        "requestTimeEpoch",
        "requestTime",
        "@t");
    latencies(t);
    t.add(Slot.ROUTE_KEY, Kind.TEXT, "routeKey");
    t.add(Slot.MESSAGE_TYPE, Kind.TEXT, "type");
    t.add(Slot.RECORD_REQUEST_ID, Kind.TEXT, "record.requestId");
    t.add(Slot.RECORD_STATUS, Kind.TEXT, "record.status");
    t.add(Slot.RECORD_DURATION, Kind.MILLIS, "record.metrics.durationMs");
    t.add(Slot.RECORD_INIT_DURATION, Kind.MILLIS, "record.metrics.initDurationMs");
    t.add(Slot.RECORD_MEMORY, Kind.MEGABYTES, "record.metrics.maxMemoryUsedMB");
    t.add(Slot.INTEGRATION_ERROR, Kind.TEXT, "integrationError");
    t.add(null, Kind.PRESENCE, "responseLength", "integrationStatus");
    t.add(Slot.EVENT_VERSION, Kind.TEXT, "eventVersion");
    t.add(Slot.EVENT_SOURCE, Kind.TEXT, "eventSource");
    t.add(Slot.EVENT_NAME, Kind.TEXT, "eventName");
    t.add(Slot.EVENT_TYPE, Kind.TEXT, "eventType");
    t.add(Slot.REGION, Kind.TEXT, "awsRegion");
    t.add(Slot.RECIPIENT_ACCOUNT, Kind.TEXT, "recipientAccountId");
    t.add(Slot.USER_ACCOUNT, Kind.TEXT, "userIdentity.accountId");
    t.add(Slot.USER_ARN, Kind.TEXT, "userIdentity.arn");
    t.add(Slot.ISSUER_ARN, Kind.TEXT, "userIdentity.sessionContext.sessionIssuer.arn");
    t.add(Slot.INVOKED_BY, Kind.TEXT, "userIdentity.invokedBy");
    t.add(Slot.READ_ONLY, Kind.BOOL, "readOnly");
    t.add(Slot.ERROR_CODE, Kind.TEXT, "errorCode");
    t.add(Slot.USER_TYPE, Kind.TEXT, "userIdentity.type");
    t.trail(Slot.EVENT_ID, "eventID");
    t.trail(Slot.SOURCE_IP, "sourceIPAddress");
    t.trail(Slot.USER_AGENT, "userAgent");
    resources(t);
    return Map.copyOf(t.keys);
  }

  /** CloudTrail resource keys (see the class documentation). */
  private static void resources(Table t) {
    t.resources(Set.of(), "resources.ARN");
    t.resources(Set.of(), "requestParameters.functionName", "responseElements.functionArn");
    t.resources(Set.of(), "requestParameters.cluster", "requestParameters.serviceName");
    t.resources(
        Set.of(ECS),
        "requestParameters.service",
        "responseElements.service.serviceArn",
        "requestParameters.taskDefinition",
        "responseElements.service.taskDefinition",
        "responseElements.taskDefinition.taskDefinitionArn");
    t.resources(Set.of(), "requestParameters.stackName", "responseElements.stackId");
    t.resources(Set.of("ssm.amazonaws.com", "events.amazonaws.com"), "requestParameters.name");
    t.resources(Set.of("events.amazonaws.com"), "requestParameters.rule");
    t.resources(Set.of(), "responseElements.ruleArn");
    t.resources(
        Set.of(EC2),
        "requestParameters.groupId",
        "requestParameters.groupName",
        "requestParameters.groupSet.items.groupId",
        "requestParameters.ModifySecurityGroupRulesRequest.GroupId",
        "responseElements.groupId",
        "requestParameters.networkAclId",
        "requestParameters.routeTableId",
        "requestParameters.instancesSet.items.instanceId");
    t.resources(
        Set.of(),
        "requestParameters.tableName",
        "responseElements.tableDescription.tableArn",
        "requestParameters.bucketName",
        "requestParameters.autoScalingGroupName",
        "requestParameters.targetGroupArn",
        "requestParameters.loadBalancerArn",
        "requestParameters.listenerArn",
        "requestParameters.ruleArn",
        "requestParameters.restApiId");
    t.resources(Set.of("apigateway.amazonaws.com"), "requestParameters.apiId");
    t.resources(
        Set.of(),
        "requestParameters.dBInstanceIdentifier",
        "responseElements.dBInstanceArn",
        "requestParameters.dBClusterIdentifier",
        "responseElements.dBClusterArn");
    t.resources(
        Set.of(IAM),
        "requestParameters.roleName",
        "requestParameters.userName",
        "requestParameters.policyName");
    t.resources(Set.of("kms.amazonaws.com"), "requestParameters.keyId");
    t.resources(
        Set.of(),
        "requestParameters.policyArn",
        "requestParameters.logGroupName",
        "requestParameters.topicArn",
        "requestParameters.queueUrl");
  }

  private static void latencies(Table t) {
    t.add("responseLatency", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    for (String base :
        new String[] {"latency", "duration", "elapsed", "response_time", "request_time", "took"}) {
      t.add(base + "_ms", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
      t.add(base + "_s", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
      t.add(base + "_seconds", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
      t.add(base + "_us", Slot.LATENCY, Kind.LATENCY, Unit.MICROS);
      t.add(base + "_ns", Slot.LATENCY, Kind.LATENCY, Unit.NANOS);
    }
    for (String camel : new String[] {"latencyMs", "durationMs", "elapsedMs", "responseTimeMs"}) {
      t.add(camel, Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    }
    t.add("latency", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    t.add("duration", Slot.LATENCY, Kind.LATENCY_MILLIS_OR_NANOS, Unit.MILLIS);
    t.add("elapsed", Slot.LATENCY, Kind.LATENCY_MILLIS_OR_NANOS, Unit.MILLIS);
    t.add("response_time", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    t.add("responseTime", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    t.add("request_time", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
    t.add("took", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    t.add("integrationLatency", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    t.add("Elapsed", Slot.LATENCY, Kind.LATENCY, Unit.MILLIS);
    t.add("event.duration", Slot.LATENCY, Kind.LATENCY, Unit.NANOS);
    t.add("httpRequest.latency", Slot.LATENCY, Kind.LATENCY, Unit.SECONDS);
  }

  private static Set<String> containers(Set<String> paths) {
    Set<String> containers = new HashSet<>();
    for (String path : paths) {
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        containers.add(path.substring(0, dot));
      }
    }
    return Set.copyOf(containers);
  }

  /** Collects keys, ranking each slot's keys in the order they are added. */
  private static final class Table {
    private final Map<String, Key> keys = new HashMap<>();
    private final Map<Slot, Integer> nextRank = new HashMap<>();

    void add(Slot slot, Kind kind, String... paths) {
      for (String path : paths) {
        add(path, slot, kind, Unit.MILLIS);
      }
    }

    void add(String path, Slot slot, Kind kind, Unit unit) {
      put(path, slot, kind, unit, false, Set.of());
    }

    /** Text keys only CloudTrail's reading needs; see {@link Key#trail()}. */
    void trail(Slot slot, String... paths) {
      for (String path : paths) {
        put(path, slot, Kind.TEXT, Unit.MILLIS, true, Set.of());
      }
    }

    void resources(Set<String> sources, String... paths) {
      for (String path : paths) {
        put(path, Slot.RESOURCE, Kind.RESOURCE, Unit.MILLIS, false, sources);
      }
    }

    private void put(
        String path, Slot slot, Kind kind, Unit unit, boolean trail, Set<String> sources) {
      if (keys.containsKey(path)) {
        throw new IllegalStateException("JSON key listed twice: " + path);
      }
      int rank = nextRank.merge(slot, 1, Integer::sum) - 1;
      keys.put(
          path, new Key(slot, rank, kind, unit, API_GATEWAY_KEYS.contains(path), trail, sources));
    }
  }
}
