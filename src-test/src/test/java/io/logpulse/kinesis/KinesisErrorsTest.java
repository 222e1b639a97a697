package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.kinesis.KinesisErrors.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.InternalFailureException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/** Which Kinesis errors a reader rides out and which fail the job without restarts. */
class KinesisErrorsTest {

  private static KinesisException kinesis(int status, String code) {
    return (KinesisException)
        KinesisException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .message(code)
            .build();
  }

  private static <T extends KinesisException.Builder> KinesisException modeled(
      T builder, int status, String code) {
    return (KinesisException)
        builder
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .message(code)
            .build();
  }

  @Test
  void timeoutsAreTimeoutsWhereverTheSdkPutsThem() {
    assertThat(
            KinesisErrors.classify(
                SdkClientException.builder()
                    .message("Unable to execute HTTP request: Read timed out")
                    .cause(new SocketTimeoutException("Read timed out"))
                    .build()))
        .isEqualTo(Kind.TIMEOUT);
    assertThat(
            KinesisErrors.classify(
                ApiCallAttemptTimeoutException.builder()
                    .message("HTTP request execution did not complete before the timeout")
                    .build()))
        .isEqualTo(Kind.TIMEOUT);
    assertThat(
            KinesisErrors.classify(
                new CompletionException(
                    SdkClientException.create(
                        "failed",
                        new IOException("Read timed out", new SocketTimeoutException())))))
        .isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void throttlingInItsKinesisFormsIsThrottling() {
    assertThat(
            KinesisErrors.classify(
                modeled(
                    ProvisionedThroughputExceededException.builder(),
                    400,
                    "ProvisionedThroughputExceededException")))
        .isEqualTo(Kind.THROTTLED);
    assertThat(
            KinesisErrors.classify(
                modeled(LimitExceededException.builder(), 400, "LimitExceededException")))
        .isEqualTo(Kind.THROTTLED);
    assertThat(KinesisErrors.classify(kinesis(400, "KMSThrottlingException")))
        .isEqualTo(Kind.THROTTLED);
    assertThat(KinesisErrors.classify(kinesis(429, "TooManyRequests"))).isEqualTo(Kind.THROTTLED);
    assertThat(KinesisErrors.classify(kinesis(400, "ThrottlingException")))
        .isEqualTo(Kind.THROTTLED);
  }

  @Test
  void serverErrorsBrokenConnectionsAndBusyResourcesAreTransient() {
    assertThat(
            KinesisErrors.classify(
                modeled(InternalFailureException.builder(), 500, "InternalFailure")))
        .isEqualTo(Kind.TRANSIENT);
    assertThat(KinesisErrors.classify(kinesis(503, "ServiceUnavailable")))
        .isEqualTo(Kind.TRANSIENT);
    assertThat(
            KinesisErrors.classify(
                SdkClientException.create(
                    "Unable to execute HTTP request", new ConnectException("Connection refused"))))
        .isEqualTo(Kind.TRANSIENT);
    assertThat(
            KinesisErrors.classify(
                modeled(ResourceInUseException.builder(), 400, "ResourceInUseException")))
        .isEqualTo(Kind.TRANSIENT);
    assertThat(KinesisErrors.classify(kinesis(400, "SomeErrorNotKnownToBePermanent")))
        .isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void missingStreamsDeniedAccessBadCredentialsAndInvalidRequestsAreFatal() {
    assertThat(
            KinesisErrors.classify(
                modeled(ResourceNotFoundException.builder(), 400, "ResourceNotFoundException")))
        .isEqualTo(Kind.FATAL);
    assertThat(
            KinesisErrors.classify(
                modeled(AccessDeniedException.builder(), 400, "AccessDeniedException")))
        .isEqualTo(Kind.FATAL);
    assertThat(KinesisErrors.classify(kinesis(400, "UnrecognizedClientException")))
        .isEqualTo(Kind.FATAL);
    assertThat(KinesisErrors.classify(kinesis(400, "InvalidSignatureException")))
        .isEqualTo(Kind.FATAL);
    assertThat(
            KinesisErrors.classify(
                modeled(ValidationException.builder(), 400, "ValidationException")))
        .isEqualTo(Kind.FATAL);
    assertThat(KinesisErrors.classify(kinesis(400, "KMSAccessDeniedException")))
        .isEqualTo(Kind.FATAL);
    assertThat(
            KinesisErrors.classify(
                SdkClientException.create(
                    "Unable to load credentials from any of the providers in the chain")))
        .isEqualTo(Kind.FATAL);
    // Wrapped as the async client hands it over.
    assertThat(
            KinesisErrors.classify(
                new CompletionException(
                    modeled(
                        ResourceNotFoundException.builder(), 400, "ResourceNotFoundException"))))
        .isEqualTo(Kind.FATAL);
  }

  @Test
  void theUnrecoverableFailureNamesShardStreamAndRemedyAndSuppressesRestarts() {
    KinesisException notFound =
        modeled(
            ResourceNotFoundException.builder(),
            400,
            "Stream orders under account 123456789012 not found.");

    SuppressRestartsException failure =
        KinesisErrors.unrecoverable(notFound, "GetRecords", "orders", "shardId-000000000001");

    assertThat(failure.getCause())
        .isInstanceOf(KinesisUnrecoverableException.class)
        .hasCause(notFound);
    assertThat(failure.getCause().getMessage())
        .contains("GetRecords", "shardId-000000000001", "orders", "does not restart")
        .contains("does not exist or was deleted", "correct the stream name or region");
  }

  @Test
  void eachFatalErrorGetsItsOwnRemedy() {
    assertThat(
            KinesisErrors.unrecoverable(
                    modeled(AccessDeniedException.builder(), 400, "AccessDeniedException"),
                    "SubscribeToShard",
                    "orders",
                    "shardId-000000000000")
                .getCause()
                .getMessage())
        .contains("SubscribeToShard", "lack permission", "kinesis:");
    assertThat(
            KinesisErrors.unrecoverable(
                    kinesis(400, "UnrecognizedClientException"), "GetRecords", "orders", "s")
                .getCause()
                .getMessage())
        .contains("credentials");
  }
}
