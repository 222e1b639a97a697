package io.logpulse.parse;

import java.util.List;

/**
 * What a format parser read out of one message, before the settings-dependent rules (service name,
 * error, operation, message cut) turn it into a {@code ServiceEvent}. Keeping those rules out of
 * the format parsers means each parser only reports facts, and the rules live in one place ({@link
 * LogEventParser}).
 */
final class EventDraft {
  LogFormat format = LogFormat.TEXT;
  Long timestamp;
  String level;
  Integer status;
  Double latencyMs;
  String method;
  String path;
  String requestId;

  /** A service name the message states itself; overrides the log group rules. */
  String service;

  boolean request;
  boolean coldStart;
  Double initDurationMs;
  Integer memoryUsedMb;

  /** The Lambda platform reported a timeout or failed invocation. */
  boolean lambdaFailure;

  /** API Gateway reported an integration error. */
  boolean integrationError;

  /** Account the event is about when it is not the log owner (CloudTrail). */
  String account;

  String eventSource;
  String eventName;
  String trailEventId;
  String region;
  String principal;
  String principalKind;
  String sourceIp;
  String userAgent;
  String agent;
  Boolean readOnly;

  /** A successful mutating API call. */
  boolean change;

  /** The errorCode of a failed API call. */
  String errorCode;

  List<String> resources = List.of();
}
