package io.logpulse.aws;

import static io.logpulse.aws.AwsService.CLOUDWATCH;
import static io.logpulse.aws.AwsService.EVENTBRIDGE;
import static io.logpulse.aws.AwsService.KINESIS;

import io.netty.handler.timeout.ReadTimeoutException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Sorts the errors of AWS calls, for every service the job talks to, into those worth trying again
 * and those that cannot heal, from one table of per-service error codes.
 *
 * <p>A call that timed out, was throttled or met a server error or a broken connection is worth
 * trying again after a backoff. An error the table lists as fatal for the service (a missing stream
 * or bus, denied access, rejected or missing credentials, an invalid request) stays that way
 * however often it is retried. Any other client error (4xx) means what {@link
 * AwsService#unlistedClientError()} says: the Kinesis source rides it out, since only errors known
 * not to heal may stop a live job; the sinks take it as a refusal of that request.
 */
public final class AwsErrors {

  /** What kind of error a call met. */
  public enum Kind {
    /** The call outlived its timeout: try again (a timed-out GetRecords with a smaller batch). */
    TIMEOUT,
    /** The service throttled the call: try again after a backoff. */
    THROTTLED,
    /** A server error, a broken connection or another error that may heal: try again later. */
    TRANSIENT,
    /** Cannot heal by retrying. */
    FATAL
  }

  /**
   * Throttling codes of any service, counted as throttling below status 500 (the SDK's own
   * throttling detection covers the rest).
   */
  private static final Set<String> THROTTLING_CODES =
      Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests");

  /** The remedy for rejected or missing credentials, which stands in two lines of the table. */
  private static final String CREDENTIALS =
      "the AWS credentials are missing or rejected: check them";

  private static final Set<AwsService> ALL = EnumSet.allOf(AwsService.class);

  /**
   * The one table: per service, the error codes (or, where {@link Row#byMessage}, fragments of the
   * SDK's client-side error messages) that make an error fatal, with what to do about it, or that
   * make it throttling.
   */
  private static final List<Row> TABLE =
      List.of(
          fatal(
              Set.of(KINESIS),
              "the stream (or enhanced fan-out consumer) does not exist or was deleted: create it,"
                  + " or correct the stream name or region",
              "ResourceNotFoundException"),
          fatal(
              Set.of(EVENTBRIDGE),
              "the event bus does not exist: create it, or correct eventbridge.bus or"
                  + " eventbridge.region",
              "ResourceNotFoundException"),
          fatal(
              Set.of(KINESIS),
              "the credentials or role lack permission: grant kinesis:ListShards, GetShardIterator,"
                  + " GetRecords (and SubscribeToShard, DescribeStreamConsumer,"
                  + " RegisterStreamConsumer for enhanced fan-out) on the stream",
              "AccessDeniedException",
              "AccessDenied"),
          fatal(
              Set.of(CLOUDWATCH),
              "the credentials or role lack permission: grant cloudwatch:PutMetricData",
              "AccessDeniedException",
              "AccessDenied"),
          fatal(
              Set.of(EVENTBRIDGE),
              "the credentials or role lack permission: grant events:PutEvents on the bus",
              "AccessDeniedException",
              "AccessDenied"),
          fatal(
              Set.of(KINESIS),
              "the stream's KMS key is missing, disabled or not usable by these credentials: grant"
                  + " kms:Decrypt on it or enable it",
              "KMSAccessDeniedException",
              "KMSNotFoundException",
              "KMSDisabledException",
              "KMSInvalidStateException",
              "KMSOptInRequired"),
          fatal(
              ALL,
              CREDENTIALS,
              "UnrecognizedClientException",
              "InvalidClientTokenId",
              "InvalidSignatureException",
              "IncompleteSignature",
              "IncompleteSignatureException",
              "MissingAuthenticationToken",
              "MissingAuthenticationTokenException"),
          fatal(
              Set.of(KINESIS),
              "Kinesis rejected the request as invalid: check the stream name or ARN, the start"
                  + " position and the enhanced fan-out consumer",
              "ValidationException",
              "InvalidArgumentException"),
          fatal(
              Set.of(CLOUDWATCH),
              "CloudWatch refused the datums as invalid: check their names, dimensions, values and"
                  + " timestamps",
              "InvalidParameterValue",
              "InvalidParameterCombination",
              "MissingParameter"),
          new Row(Set.of(KINESIS), Kind.THROTTLED, null, false, "LimitExceededException"),
          new Row(Set.of(KINESIS), Kind.THROTTLED, null, false, "KMSThrottlingException"),
          new Row(Set.of(KINESIS), Kind.FATAL, CREDENTIALS, true, "Unable to load credentials"),
          new Row(
              Set.of(KINESIS),
              Kind.FATAL,
              "set the region of the stream",
              true,
              "Unable to load region"));

  private AwsErrors() {}

  /** The kind of {@code error} of a call to {@code service}, looking through its causes. */
  public static Kind classify(AwsService service, Throwable error) {
    for (Throwable t : chain(error)) {
      if (isTimeout(t)) {
        return Kind.TIMEOUT;
      }
    }
    for (Throwable t : chain(error)) {
      if (t instanceof SdkServiceException e) {
        return classifyService(service, e);
      }
      if (t instanceof SdkClientException && messageRow(service, t) != null) {
        return Kind.FATAL;
      }
    }
    return Kind.TRANSIENT;
  }

  /** What to do about {@code error}, a {@link Kind#FATAL} error of a call to {@code service}. */
  public static String hint(AwsService service, Throwable error) {
    for (Throwable t : chain(error)) {
      Row row = t instanceof SdkServiceException e ? fatalCodeRow(service, e) : null;
      if (row == null) {
        row = messageRow(service, t);
      }
      if (row != null) {
        return row.hint;
      }
    }
    return service.defaultHint();
  }

  /** The AWS error code of {@code error}, or null when it has none. */
  public static String errorCode(Throwable error) {
    return error instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode()
        : null;
  }

  private static Kind classifyService(AwsService service, SdkServiceException e) {
    if (fatalCodeRow(service, e) != null) {
      return Kind.FATAL;
    }
    String code = errorCode(e);
    boolean throttled =
        e.isThrottlingException()
            || codeRow(service, Kind.THROTTLED, code) != null
            || (e.statusCode() < 500 && (e.statusCode() == 429 || THROTTLING_CODES.contains(code)));
    if (throttled) {
      return Kind.THROTTLED;
    }
    return e.statusCode() >= 500 ? Kind.TRANSIENT : service.unlistedClientError();
  }

  private static Row fatalCodeRow(AwsService service, SdkServiceException e) {
    Row row = codeRow(service, Kind.FATAL, errorCode(e));
    return row != null ? row : codeRow(service, Kind.FATAL, e.getClass().getSimpleName());
  }

  private static Row codeRow(AwsService service, Kind kind, String code) {
    for (Row row : TABLE) {
      if (!row.byMessage
          && row.kind == kind
          && row.services.contains(service)
          && row.matches.contains(code)) {
        return row;
      }
    }
    return null;
  }

  private static Row messageRow(AwsService service, Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    for (Row row : TABLE) {
      if (row.byMessage && row.services.contains(service)) {
        for (String fragment : row.matches) {
          if (message.contains(fragment)) {
            return row;
          }
        }
      }
    }
    return null;
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof ApiCallAttemptTimeoutException
        || t instanceof ApiCallTimeoutException
        || t instanceof SocketTimeoutException
        || t instanceof HttpTimeoutException
        || t instanceof TimeoutException
        || t instanceof ReadTimeoutException;
  }

  /** {@code error} and its causes, outermost first, each once even where causes loop. */
  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static Row fatal(Set<AwsService> services, String hint, String... codes) {
    return new Row(services, Kind.FATAL, hint, false, codes);
  }

  /** A line of the table: these codes or message fragments mean this kind for these services. */
  private record Row(
      Set<AwsService> services, Kind kind, String hint, boolean byMessage, Set<String> matches) {
    Row(Set<AwsService> services, Kind kind, String hint, boolean byMessage, String... matches) {
      this(services, kind, hint, byMessage, Set.of(matches));
    }
  }
}
