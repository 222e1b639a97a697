package io.logpulse.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.FlinkException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Each known cause of a failed run, built from the real exception types and wrapped the way a
 * failed Flink job wraps it, is explained with its root cause and what to do.
 */
class FailureExplanationTest {

  private static final String CREDENTIALS =
      "Unable to load credentials from any of the providers in the chain"
          + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(),"
          + " EnvironmentVariableCredentialsProvider()])";

  /** A job failure as a MiniCluster reports it: three Flink wrappers, then our own message. */
  private static Exception failedJob(Throwable cause) {
    IllegalStateException ours = ourException("cannot list the shards of [orders]", cause);
    return new JobExecutionException(
        new JobID(),
        "Job execution failed.",
        new JobException(
            "Recovery is suppressed by NoRestartBackoffTimeStrategy",
            new FlinkException("Global failure triggered by OperatorCoordinator", ours)));
  }

  /** An exception as logpulse code throws it: its top frame is in io.logpulse. */
  private static IllegalStateException ourException(String message, Throwable cause) {
    IllegalStateException e = new IllegalStateException(message, cause);
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("io.logpulse.kinesis.ShardLister", "list", "ShardLister.java", 42)
        });
    return e;
  }

  private static AwsServiceException awsError(String code, String message) {
    return KinesisException.builder()
        .message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("Kinesis").build())
        .build();
  }

  @Test
  void missingCredentialsShowTheSdkMessageAndSayWhichVariablesToSet() {
    FailureExplanation explained =
        FailureExplanation.of(failedJob(SdkClientException.create(CREDENTIALS)), Map.of());

    assertThat(explained.cause())
        .startsWith("cannot list the shards of [orders]: Unable to load credentials")
        .endsWith("(SdkClientException)")
        .doesNotContain("Job execution failed", "Recovery is suppressed");
    assertThat(explained.hint())
        .isEqualTo("set AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) or AWS_PROFILE");
    assertThat(explained.lines("run"))
        .containsExactly(
            "logpulse: run failed: " + explained.cause(), "logpulse: hint: " + explained.hint());
  }

  @Test
  void aVeryLongRootCauseIsCut() {
    FailureExplanation explained =
        FailureExplanation.of(
            failedJob(SdkClientException.create(CREDENTIALS + " x".repeat(1000))), Map.of());

    assertThat(explained.cause()).hasSizeLessThan(FailureExplanation.MAX_CAUSE_CHARS + 60);
    assertThat(explained.cause()).endsWith("...");
  }

  @Test
  void aRefusedConnectionNamesTheEndpointKeyWhoseAddressItMentions() {
    SdkClientException refused =
        SdkClientException.create(
            "Unable to execute HTTP request: Connect to http://127.0.0.1:4568 failed",
            new ConnectException("Connection refused"));
    Map<String, String> settings =
        Map.of(
            "cloudwatch.endpoint", "http://127.0.0.1:5000",
            "source.kinesis.endpoint", "http://127.0.0.1:4568");

    FailureExplanation explained = FailureExplanation.of(failedJob(refused), settings);

    assertThat(explained.cause()).endsWith("Connection refused (ConnectException)");
    assertThat(explained.hint())
        .isEqualTo("nothing answers at http://127.0.0.1:4568: check source.kinesis.endpoint");
  }

  @Test
  void anUnknownHostWithoutAMatchingEndpointListsTheEndpointsSet() {
    SdkClientException unknown =
        SdkClientException.create(
            "Unable to execute HTTP request: kinesis.local",
            new UnknownHostException("kinesis.local: Name or service not known"));

    assertThat(
            FailureExplanation.of(
                    failedJob(unknown), Map.of("eventbridge.endpoint", "http://10.1.1.1:4010"))
                .hint())
        .isEqualTo("cannot connect: check eventbridge.endpoint (http://10.1.1.1:4010)");
    assertThat(FailureExplanation.of(failedJob(unknown), Map.of()).hint())
        .isEqualTo("check the network connection to AWS and the region keys");
  }

  @Test
  void aMissingStreamNamesTheStreamAndRegionKeys() {
    ResourceNotFoundException missing =
        ResourceNotFoundException.builder()
            .message("Stream orders under account 111111111111 not found.")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ResourceNotFoundException")
                    .serviceName("Kinesis")
                    .build())
            .build();

    FailureExplanation explained =
        FailureExplanation.of(
            failedJob(missing),
            Map.of("source.kinesis.streams", "orders", "source.kinesis.region", "eu-west-1"));

    assertThat(explained.cause())
        .contains("Stream orders under account 111111111111 not found.")
        .endsWith("(ResourceNotFoundException)");
    assertThat(explained.hint())
        .startsWith(
            "the stream orders (source.kinesis.streams) does not exist in region eu-west-1"
                + " (source.kinesis.region)");
  }

  @Test
  void accessDeniedNamesTheMissingPermission() {
    AwsServiceException denied =
        awsError(
            "AccessDeniedException",
            "User: arn:aws:sts::111111111111:assumed-role/reader/s is not authorized to perform:"
                + " kinesis:ListShards on resource: arn:aws:kinesis:us-east-1:111111111111:stream/o");

    assertThat(FailureExplanation.of(failedJob(denied), Map.of()).hint())
        .startsWith("the role/credentials lack permission for kinesis:ListShards:")
        .contains("source.kinesis.role-arn");
  }

  @Test
  void rejectedAndExpiredCredentialsAreToldApart() {
    AwsServiceException rejected =
        awsError(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.");
    AwsServiceException expired =
        awsError("ExpiredTokenException", "The security token included in the request is expired");

    assertThat(FailureExplanation.of(failedJob(rejected), Map.of()).hint())
        .startsWith("AWS rejected the credentials");
    assertThat(FailureExplanation.of(failedJob(expired), Map.of()).hint())
        .startsWith("the AWS credentials have expired");
  }

  @Test
  void aMissingRegionSaysWhereToSetIt() {
    SdkClientException noRegion =
        SdkClientException.create(
            "Unable to load region from any of the providers in the chain"
                + " software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain");

    assertThat(FailureExplanation.of(failedJob(noRegion), Map.of()).hint())
        .isEqualTo(
            "set AWS_REGION, or the region key of the service (source.kinesis.region,"
                + " cloudwatch.region, eventbridge.region)");
  }

  @Test
  void aTakenPortPointsAtTheWebUiPortKey() {
    assertThat(
            FailureExplanation.of(
                    new RuntimeException(new BindException("Address already in use")), Map.of())
                .hint())
        .startsWith("a port is taken: check local.web-ui-port");
  }

  @Test
  void aMissingFileNamesTheKeyThatHoldsItsPath() {
    FailureExplanation explained =
        FailureExplanation.of(
            failedJob(new NoSuchFileException("/data/records.json")),
            Map.of("source.replay.path", "/data/records.json", "window.size", "1m"));

    assertThat(explained.hint()).isEqualTo("no such file or folder: check source.replay.path");
  }

  @Test
  void causesThatCrossedASerializationBoundaryAreRecognisedByTheirOriginalClass() {
    SerializedThrowable serialized =
        new SerializedThrowable(
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")));

    FailureExplanation explained =
        FailureExplanation.of(
            new JobExecutionException(new JobID(), "Job execution failed.", serialized),
            Map.of("source.kinesis.endpoint", "http://127.0.0.1:1"));

    assertThat(explained.cause()).isEqualTo("Connection refused (ConnectException)");
    assertThat(explained.hint())
        .isEqualTo("cannot connect: check source.kinesis.endpoint (http://127.0.0.1:1)");
  }

  @Test
  void anUnknownCauseIsShownWithoutAHint() {
    FailureExplanation explained =
        FailureExplanation.of(
            new JobExecutionException(
                new JobID(), "Job execution failed.", new ArithmeticException("/ by zero")),
            Map.of());

    assertThat(explained.cause()).isEqualTo("/ by zero (ArithmeticException)");
    assertThat(explained.hint()).isNull();
    assertThat(explained.lines("replay"))
        .containsExactly("logpulse: replay failed: " + explained.cause());
  }
}
