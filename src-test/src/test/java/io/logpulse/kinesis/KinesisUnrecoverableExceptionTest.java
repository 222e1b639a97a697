package io.logpulse.kinesis;

import static io.logpulse.testing.AwsExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** What a Kinesis reader fails the job with when an error cannot heal. */
class KinesisUnrecoverableExceptionTest {

  @Test
  void theUnrecoverableFailureNamesShardStreamAndRemedyAndSuppressesRestarts() {
    KinesisException notFound =
        withCode(
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
                    withCode(AccessDeniedException.builder(), 400, "AccessDeniedException"),
                    "SubscribeToShard",
                    "orders",
                    "shardId-000000000000")
                .getCause()
                .getMessage())
        .contains("SubscribeToShard", "lack permission", "kinesis:");
    assertThat(
            KinesisUnrecoverableException.of(
                    withCode(KinesisException.builder(), 400, "UnrecognizedClientException"),
                    "GetRecords",
                    "orders",
                    "s")
                .getCause()
                .getMessage())
        .contains("credentials");
  }
}
