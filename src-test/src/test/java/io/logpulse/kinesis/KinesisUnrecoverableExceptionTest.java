package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** What a Kinesis reader fails the job with when an error cannot heal. */
class KinesisUnrecoverableExceptionTest {

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
  void theUnrecoverableFailureNamesShardStreamAndRemedyAndSuppressesRestarts() {
    KinesisException notFound =
        modeled(
            ResourceNotFoundException.builder(),
            400,
            "Stream orders under account 123456789012 not found.");

    SuppressRestartsException failure =
        KinesisUnrecoverableException.of(notFound, "GetRecords", "orders", "shardId-000000000001");

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
            KinesisUnrecoverableException.of(
                    modeled(AccessDeniedException.builder(), 400, "AccessDeniedException"),
                    "SubscribeToShard",
                    "orders",
                    "shardId-000000000000")
                .getCause()
                .getMessage())
        .contains("SubscribeToShard", "lack permission", "kinesis:");
    assertThat(
            KinesisUnrecoverableException.of(
                    modeled(KinesisException.builder(), 400, "UnrecognizedClientException"),
                    "GetRecords",
                    "orders",
                    "s")
                .getCause()
                .getMessage())
        .contains("credentials");
  }
}
