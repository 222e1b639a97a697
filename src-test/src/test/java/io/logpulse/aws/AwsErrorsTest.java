package io.logpulse.aws;

import static io.logpulse.aws.AwsErrors.Kind.FATAL;
import static io.logpulse.aws.AwsErrors.Kind.THROTTLED;
import static io.logpulse.aws.AwsErrors.Kind.TIMEOUT;
import static io.logpulse.aws.AwsErrors.Kind.TRANSIENT;
import static io.logpulse.aws.AwsService.CLOUDWATCH;
import static io.logpulse.aws.AwsService.EVENTBRIDGE;
import static io.logpulse.aws.AwsService.KINESIS;
import static io.logpulse.testing.AwsExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.InternalFailureException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * Which errors of which service are worth trying again and which cannot heal: one table of cases,
 * each an error as the SDK hands it over, the kind it is for each service (Kinesis, CloudWatch,
 * EventBridge), and why.
 */
class AwsErrorsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // Timeouts, wherever the SDK puts them, for every service.
        row(
            "a socket read timeout inside a client error",
            SdkClientException.builder()
                .message("Unable to execute HTTP request: Read timed out")
                .cause(new SocketTimeoutException("Read timed out"))
                .build(),
            TIMEOUT,
            TIMEOUT,
            TIMEOUT),
        row(
            "the SDK's attempt timeout",
            ApiCallAttemptTimeoutException.builder()
                .message("HTTP request execution did not complete before the timeout")
                .build(),
            TIMEOUT,
            TIMEOUT,
            TIMEOUT),
        row(
            "a timeout deep inside an async completion",
            new CompletionException(
                SdkClientException.create(
                    "failed", new IOException("Read timed out", new SocketTimeoutException()))),
            TIMEOUT,
            TIMEOUT,
            TIMEOUT),
        // Throttling in its Kinesis forms and the generic ones.
        row(
            "provisioned throughput exceeded",
            modeled(
                ProvisionedThroughputExceededException.builder(),
                400,
                "ProvisionedThroughputExceededException"),
            THROTTLED,
            THROTTLED,
            THROTTLED),
        row(
            "Kinesis' limit exceeded (a Kinesis throttling code, a refusal elsewhere)",
            modeled(LimitExceededException.builder(), 400, "LimitExceededException"),
            THROTTLED,
            FATAL,
            FATAL),
        row(
            "KMS throttling (Kinesis only)",
            kinesis(400, "KMSThrottlingException"),
            THROTTLED,
            FATAL,
            FATAL),
        row("status 429", kinesis(429, "TooManyRequests"), THROTTLED, THROTTLED, THROTTLED),
        row(
            "a ThrottlingException",
            kinesis(400, "ThrottlingException"),
            THROTTLED,
            THROTTLED,
            THROTTLED),
        row(
            "CloudWatch's Throttling",
            cloudWatch(400, "Throttling"),
            THROTTLED,
            THROTTLED,
            THROTTLED),
        row(
            "EventBridge's ThrottlingException",
            eventBridge(400, "ThrottlingException"),
            THROTTLED,
            THROTTLED,
            THROTTLED),
        // Server errors, broken connections and busy resources.
        row(
            "an internal failure",
            modeled(InternalFailureException.builder(), 500, "InternalFailure"),
            TRANSIENT,
            TRANSIENT,
            TRANSIENT),
        row(
            "service unavailable",
            kinesis(503, "ServiceUnavailable"),
            TRANSIENT,
            TRANSIENT,
            TRANSIENT),
        row(
            "CloudWatch's 500",
            cloudWatch(500, "InternalFailure"),
            TRANSIENT,
            TRANSIENT,
            TRANSIENT),
        row(
            "EventBridge's 500",
            eventBridge(500, "InternalException"),
            TRANSIENT,
            TRANSIENT,
            TRANSIENT),
        row(
            "a refused connection",
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")),
            TRANSIENT,
            TRANSIENT,
            TRANSIENT),
        // A client error the table does not list: the source rides it out, the sinks refuse.
        row(
            "a resource in use",
            modeled(ResourceInUseException.builder(), 400, "ResourceInUseException"),
            TRANSIENT,
            FATAL,
            FATAL),
        row(
            "a client error not known to be permanent",
            kinesis(400, "SomeErrorNotKnownToBePermanent"),
            TRANSIENT,
            FATAL,
            FATAL),
        // Listed as fatal.
        row(
            "a missing stream or bus",
            modeled(ResourceNotFoundException.builder(), 400, "ResourceNotFoundException"),
            FATAL,
            FATAL,
            FATAL),
        row(
            "a missing stream whose error code is its message (the class names it)",
            modeled(
                ResourceNotFoundException.builder(),
                400,
                "Stream orders under account 123456789012 not found."),
            FATAL,
            FATAL,
            FATAL),
        row(
            "denied access",
            modeled(AccessDeniedException.builder(), 400, "AccessDeniedException"),
            FATAL,
            FATAL,
            FATAL),
        row(
            "unrecognized client",
            kinesis(400, "UnrecognizedClientException"),
            FATAL,
            FATAL,
            FATAL),
        row("a bad signature", kinesis(400, "InvalidSignatureException"), FATAL, FATAL, FATAL),
        row(
            "an invalid request",
            modeled(ValidationException.builder(), 400, "ValidationException"),
            FATAL,
            FATAL,
            FATAL),
        row("KMS access denied", kinesis(400, "KMSAccessDeniedException"), FATAL, FATAL, FATAL),
        row(
            "CloudWatch's invalid parameter (unlisted for Kinesis)",
            cloudWatch(400, "InvalidParameterValue"),
            TRANSIENT,
            FATAL,
            FATAL),
        row(
            "a missing bus, wrapped as the async client hands it over",
            new CompletionException(
                modeled(ResourceNotFoundException.builder(), 400, "ResourceNotFoundException")),
            FATAL,
            FATAL,
            FATAL),
        // Missing credentials stop the source; the sinks keep retrying them with a backoff.
        row(
            "no credentials",
            SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"),
            FATAL,
            TRANSIENT,
            TRANSIENT),
        row(
            "no region",
            SdkClientException.create("Unable to load region from any of the providers"),
            FATAL,
            TRANSIENT,
            TRANSIENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachErrorIsOfItsKindForEachService(
      String why, Throwable error, AwsErrors.Kind kinesis, AwsErrors.Kind cw, AwsErrors.Kind eb) {
    assertThat(AwsErrors.classify(KINESIS, error)).as("Kinesis").isEqualTo(kinesis);
    assertThat(AwsErrors.classify(CLOUDWATCH, error)).as("CloudWatch").isEqualTo(cw);
    assertThat(AwsErrors.classify(EVENTBRIDGE, error)).as("EventBridge").isEqualTo(eb);
  }

  static Stream<Arguments> hints() {
    return Stream.of(
        Arguments.of(
            KINESIS,
            modeled(ResourceNotFoundException.builder(), 400, "ResourceNotFoundException"),
            "does not exist or was deleted"),
        Arguments.of(
            EVENTBRIDGE,
            modeled(ResourceNotFoundException.builder(), 400, "ResourceNotFoundException"),
            "the event bus does not exist"),
        Arguments.of(KINESIS, kinesis(400, "AccessDeniedException"), "kinesis:ListShards"),
        Arguments.of(CLOUDWATCH, cloudWatch(403, "AccessDenied"), "cloudwatch:PutMetricData"),
        Arguments.of(EVENTBRIDGE, eventBridge(400, "AccessDeniedException"), "events:PutEvents"),
        Arguments.of(KINESIS, kinesis(400, "KMSDisabledException"), "kms:Decrypt"),
        Arguments.of(CLOUDWATCH, cloudWatch(403, "InvalidClientTokenId"), "credentials"),
        Arguments.of(
            KINESIS,
            SdkClientException.create("Unable to load region from any of the providers"),
            "set the region of the stream"),
        Arguments.of(KINESIS, kinesis(400, "Unlisted"), "check the stream's name"),
        Arguments.of(CLOUDWATCH, cloudWatch(400, "Unlisted"), "check cloudwatch.namespace"),
        Arguments.of(
            EVENTBRIDGE,
            eventBridge(400, "ValidationException"),
            "check eventbridge.bus, eventbridge.region and the role's events:PutEvents"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hints")
  void eachFatalErrorGetsTheRemedyOfItsService(AwsService service, Throwable error, String remedy) {
    assertThat(AwsErrors.hint(service, error)).contains(remedy);
  }

  /** One case: an error and what it is for Kinesis, CloudWatch and EventBridge. */
  private static Arguments row(
      String why,
      Throwable error,
      AwsErrors.Kind kinesis,
      AwsErrors.Kind cloudWatch,
      AwsErrors.Kind eventBridge) {
    return Arguments.of(why, error, kinesis, cloudWatch, eventBridge);
  }

  private static KinesisException kinesis(int status, String code) {
    return modeled(KinesisException.builder(), status, code);
  }

  private static AwsServiceException cloudWatch(int status, String code) {
    return withCode(CloudWatchException.builder(), status, code);
  }

  private static AwsServiceException eventBridge(int status, String code) {
    return withCode(EventBridgeException.builder(), status, code);
  }

  private static KinesisException modeled(
      KinesisException.Builder builder, int status, String code) {
    return withCode(builder, status, code);
  }
}
