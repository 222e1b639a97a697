package io.logpulse.parse;

import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Normalizes one CloudWatch log event into a {@link ServiceEvent}: detects the message's format
 * (json, nginx, apache, lambda, apigateway, cloudtrail or text), reads the fields metrics and
 * correlation need, names the service and decides whether the event is a request and an error.
 *
 * <p>It never throws on any message, however long, binary or malformed: a message no parser
 * recognises is a {@code text} event. The result depends only on the event and the settings.
 * Detection looks at the first non-blank character: {@code {} tries JSON (falling back to text
 * when it is not valid JSON); otherwise Lambda platform and runtime lines, then access logs, then
 * text.
 *
 * <p>Rules applied to every format: an event is an error when its HTTP status is at or above the
 * threshold, its level is an error level, the Lambda platform reported a timeout or failure (when
 * {@link ParserSettings#lambdaFailuresAreErrors()}; this replaces the level rule for those lines),
 * or API Gateway reported an integration error. CloudTrail events are never errors; their change
 * kind follows {@link ParserSettings#changeKindRules()} and then the built-in rules (see {@link
 * ChangeKindRules}). The service is the one a JSON message names ({@code service}, {@code
 * service.name}, {@code serviceName}, {@code app}, {@code application}), {@code cloudtrail} for
 * CloudTrail events, else the log group's per {@link ServiceNameResolver}. The operation is {@code METHOD /path/template} when
 * the event has both (see {@link RequestPaths}).
 *
 * <p>Safe to share between threads; a Flink function holds one per subtask.
 */
public final class LogEventParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ParserSettings settings;
  private final ServiceNameResolver services;
  private final OperationLimiter operations;
  private final ChangeKindRules changeKinds;
  private final LongAdder fallbacks = new LongAdder();

  public LogEventParser(ParserSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.services =
        new ServiceNameResolver(
            settings.serviceRules(), settings.defaultServiceRules(), settings.serviceCacheSize());
    this.operations =
        new OperationLimiter(settings.maxOperationsPerService(), settings.serviceCacheSize());
    this.changeKinds = ChangeKindRules.parse(settings.changeKindRules());
  }

  /**
   * How many events this parser kept as plain text because a format parser failed on them; a
   * non-zero value points at a parser bug worth a fixture.
   */
  public long fallbacks() {
    return fallbacks.sum();
  }

  /** The normalized event; never null, never throws for a non-null event. */
  public ServiceEvent parse(LogEvent event) {
    String message = orEmpty(event.getMessage());
    String logGroup = orEmpty(event.getLogGroup());
    String logStream = orEmpty(event.getLogStream());
    EventDraft draft;
    try {
      draft = read(message, logGroup, logStream);
    } catch (RuntimeException e) {
      // A message that trips a parser bug must not fail the job: Flink would restart and meet the
      // same record again. It is kept, as text.
      fallbacks.increment();
      draft = new EventDraft();
    }
    return build(event, message, logGroup, logStream, draft);
  }

  private static EventDraft read(String message, String logGroup, String logStream) {
    EventDraft d = new EventDraft();
    int start = firstNonBlank(message);
    if (start == message.length()) {
      return d;
    }
    char first = message.charAt(start);
    boolean parsed =
        first == '{'
            ? JsonLogParser.parse(message, isLambda(logGroup, logStream), d)
            : LambdaLineParser.parse(message, start, d)
                || AccessLogParser.parse(message, start, logGroup, d);
    if (!parsed) {
      TextLogParser.parse(message, start, d);
    }
    return d;
  }

  private ServiceEvent build(
      LogEvent event, String message, String logGroup, String logStream, EventDraft d) {
    ServiceEvent out = new ServiceEvent();
    out.setAccount(d.account != null ? d.account : orEmpty(event.getOwner()));
    out.setLogGroup(logGroup);
    out.setLogStream(logStream);
    out.setEventId(orEmpty(event.getId()));
    out.setEventTime(event.getTimestamp());
    out.setFormat(d.format.id);
    out.setTimestamp(d.timestamp);
    String service = d.service != null ? d.service : services.resolve(logGroup);
    out.setService(service);
    out.setOperation(
        settings.operations()
            ? operations.name(service, RequestPaths.operation(d.method, d.path))
            : null);
    out.setLevel(d.level);
    out.setRequest(d.request);
    out.setError(isError(d));
    out.setStatus(d.status);
    out.setLatencyMs(d.latencyMs);
    out.setMethod(d.method);
    out.setPath(d.path);
    out.setRequestId(d.requestId);
    out.setColdStart(d.coldStart);
    out.setInitDurationMs(d.initDurationMs);
    out.setMemoryUsedMb(d.memoryUsedMb);
    out.setEventSource(d.eventSource);
    out.setEventName(d.eventName);
    out.setRegion(d.region);
    out.setPrincipal(d.principal);
    out.setReadOnly(d.readOnly);
    out.setChange(d.change);
    out.setChangeKind(
        d.format == LogFormat.CLOUDTRAIL && Boolean.FALSE.equals(d.readOnly)
            ? changeKinds.kind(d.eventSource, d.eventName)
            : null);
    out.setResources(d.resources);
    out.setTrailEventId(d.trailEventId);
    out.setErrorCode(d.errorCode);
    out.setPrincipalKind(d.principalKind);
    out.setSourceIp(d.sourceIp);
    out.setUserAgent(d.userAgent);
    out.setAgent(d.agent);
    out.setMessage(cut(message));
    return out;
  }

  private boolean isError(EventDraft d) {
    if (d.format == LogFormat.CLOUDTRAIL) {
      return false;
    }
    if (d.lambdaFailure) {
      return settings.lambdaFailuresAreErrors();
    }
    return (d.status != null && d.status >= settings.errorStatusThreshold())
        || (d.level != null && settings.errorLevels().contains(d.level))
        || d.integrationError;
  }

  /** The message cut to the configured length, never splitting a surrogate pair. */
  private String cut(String message) {
    int max = settings.maxMessageLength();
    if (message.length() <= max) {
      return message;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end);
  }

  /** Lambda log groups, and Lambda log streams ({@code 2024/01/15/[$LATEST]0a1b...}). */
  private static boolean isLambda(String logGroup, String logStream) {
    return logGroup.startsWith("/aws/lambda/")
        || (logStream.contains("/[") && logStream.indexOf(']') > 0);
  }

  private static int firstNonBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
