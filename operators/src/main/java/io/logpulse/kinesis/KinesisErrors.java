package io.logpulse.kinesis;

import io.logpulse.common.Retries;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Sorts the errors of Kinesis calls into those a reader rides out and those that cannot heal.
 *
 * <p>A call that timed out, was throttled or met a server error or a broken connection is worth
 * trying again after a backoff (a timed-out GetRecords with a smaller batch). A missing stream or
 * consumer, denied access, rejected or missing credentials and an invalid request stay that way
 * however often they are retried, so they fail the job at once with {@link #unrecoverable}, which
 * also keeps a restart strategy from restarting it on them forever. Everything else counts as
 * transient: only errors known not to heal stop a live job.
 */
final class KinesisErrors {

  /** What kind of error a call met. */
  enum Kind {
    /** The call outlived the request timeout: try again, with a smaller GetRecords batch. */
    TIMEOUT,
    /** Kinesis throttled the call (throughput or call rate): try again after a backoff. */
    THROTTLED,
    /** A server error, a broken connection or another error that may heal: try again later. */
    TRANSIENT,
    /** Cannot heal by retrying: fail the job without restarts. */
    FATAL
  }

  private static final Map<String, String> FATAL_CODES =
      Map.ofEntries(
          Map.entry(
              "ResourceNotFoundException",
              "the stream (or enhanced fan-out consumer) does not exist or was deleted: create it,"
                  + " or correct the stream name or region"),
          Map.entry("AccessDeniedException", Hints.ACCESS),
          Map.entry("AccessDenied", Hints.ACCESS),
          Map.entry("KMSAccessDeniedException", Hints.KMS),
          Map.entry("KMSNotFoundException", Hints.KMS),
          Map.entry("KMSDisabledException", Hints.KMS),
          Map.entry("KMSInvalidStateException", Hints.KMS),
          Map.entry("KMSOptInRequired", Hints.KMS),
          Map.entry("UnrecognizedClientException", Hints.CREDENTIALS),
          Map.entry("InvalidClientTokenId", Hints.CREDENTIALS),
          Map.entry("InvalidSignatureException", Hints.CREDENTIALS),
          Map.entry("IncompleteSignature", Hints.CREDENTIALS),
          Map.entry("IncompleteSignatureException", Hints.CREDENTIALS),
          Map.entry("MissingAuthenticationToken", Hints.CREDENTIALS),
          Map.entry("MissingAuthenticationTokenException", Hints.CREDENTIALS),
          Map.entry("ValidationException", Hints.REQUEST),
          Map.entry("InvalidArgumentException", Hints.REQUEST));

  private static final Set<String> THROTTLING_CODES =
      Set.of("LimitExceededException", "KMSThrottlingException");

  /** Messages of the SDK's client-side errors that no retry can fix. */
  private static final Map<String, String> FATAL_CLIENT_MESSAGES =
      Map.of(
          "Unable to load credentials",
          Hints.CREDENTIALS,
          "Unable to load region",
          "set the region of the stream");

  private KinesisErrors() {}

  /** The kind of {@code error}, looking through its causes for timeouts and AWS errors. */
  static Kind classify(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (isTimeout(t)) {
        return Kind.TIMEOUT;
      }
    }
    seen.clear();
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SdkServiceException service) {
        return classifyService(service);
      }
      if (t instanceof SdkClientException && fatalClientHint(t) != null) {
        return Kind.FATAL;
      }
    }
    return Kind.TRANSIENT;
  }

  /**
   * The exception a reader fails the job with on a {@link Kind#FATAL} error: it says which call on
   * which shard of which stream failed and what to do (the error itself is its cause), and it
   * suppresses restarts.
   */
  static SuppressRestartsException unrecoverable(
      Throwable error, String operation, String stream, String shardId) {
    String message =
        operation
            + " on shard "
            + shardId
            + " of Kinesis stream "
            + stream
            + " failed and retrying cannot fix it (the job does not restart on this error): "
            + hint(error);
    return new SuppressRestartsException(new KinesisUnrecoverableException(message, error));
  }

  private static Kind classifyService(SdkServiceException e) {
    String code = errorCode(e);
    if (FATAL_CODES.containsKey(code) || FATAL_CODES.containsKey(e.getClass().getSimpleName())) {
      return Kind.FATAL;
    }
    boolean throttled =
        e.isThrottlingException()
            || THROTTLING_CODES.contains(code)
            || (e instanceof AwsServiceException aws
                && Retries.retryable(aws)
                && aws.statusCode() < 500);
    // Server errors (5xx) and errors not known to be permanent alike.
    return throttled ? Kind.THROTTLED : Kind.TRANSIENT;
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof ApiCallAttemptTimeoutException
        || t instanceof ApiCallTimeoutException
        || t instanceof SocketTimeoutException
        || t instanceof HttpTimeoutException
        || t instanceof TimeoutException
        || t instanceof ReadTimeoutException;
  }

  private static String errorCode(SdkServiceException e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode()
        : null;
  }

  private static String hint(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SdkServiceException service) {
        String hint = FATAL_CODES.get(errorCode(service));
        if (hint == null) {
          hint = FATAL_CODES.get(service.getClass().getSimpleName());
        }
        if (hint != null) {
          return hint;
        }
      }
      String clientHint = fatalClientHint(t);
      if (clientHint != null) {
        return clientHint;
      }
    }
    return "check the stream's name, region, permissions and the credentials";
  }

  private static String fatalClientHint(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    for (Map.Entry<String, String> known : FATAL_CLIENT_MESSAGES.entrySet()) {
      if (message.contains(known.getKey())) {
        return known.getValue();
      }
    }
    return null;
  }

  /** What to do about each fatal error, once each. */
  private static final class Hints {
    static final String ACCESS =
        "the credentials or role lack permission: grant kinesis:ListShards, GetShardIterator,"
            + " GetRecords (and SubscribeToShard, DescribeStreamConsumer,"
            + " RegisterStreamConsumer for enhanced fan-out) on the stream";
    static final String KMS =
        "the stream's KMS key is missing, disabled or not usable by these credentials: grant"
            + " kms:Decrypt on it or enable it";
    static final String CREDENTIALS = "the AWS credentials are missing or rejected: check them";
    static final String REQUEST =
        "Kinesis rejected the request as invalid: check the stream name or ARN, the start"
            + " position and the enhanced fan-out consumer";

    private Hints() {}
  }
}
