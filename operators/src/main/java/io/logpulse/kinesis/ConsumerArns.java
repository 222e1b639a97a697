package io.logpulse.kinesis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The enhanced fan-out consumer of each stream: the one configured by ARN, or the one named {@code
 * consumerName}, which the enumerator registers when it is missing. Readers look the ARN up and
 * wait until the consumer is ACTIVE.
 */
final class ConsumerArns implements AutoCloseable {

  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

  private final KinesisSourceSettings settings;
  private final KinesisClient client;
  private final Map<String, String> arns = new ConcurrentHashMap<>();

  ConsumerArns(KinesisSourceSettings settings, KinesisClient client) {
    this.settings = settings;
    this.client = client;
  }

  /** Registers the named consumer on every stream where it does not exist yet. */
  void registerMissing() {
    if (settings.consumerArn() != null) {
      return;
    }
    for (String stream : settings.streams()) {
      try {
        client.registerStreamConsumer(
            r -> r.streamARN(streamArn(stream)).consumerName(settings.consumerName()));
      } catch (ResourceInUseException alreadyRegistered) {
        // Registered by an earlier run or another subtask: use it.
      }
    }
  }

  /** The ARN of the consumer to subscribe with on {@code stream}, once it is ACTIVE. */
  String arnFor(String stream) {
    if (settings.consumerArn() != null) {
      return settings.consumerArn();
    }
    return arns.computeIfAbsent(stream, this::awaitActive);
  }

  private String awaitActive(String stream) {
    String streamArn = streamArn(stream);
    long deadline = System.currentTimeMillis() + ACTIVE_TIMEOUT.toMillis();
    while (true) {
      try {
        DescribeStreamConsumerResponse response =
            client.describeStreamConsumer(
                r -> r.streamARN(streamArn).consumerName(settings.consumerName()));
        if (response.consumerDescription().consumerStatus() == ConsumerStatus.ACTIVE) {
          return response.consumerDescription().consumerARN();
        }
      } catch (ResourceNotFoundException notYetRegistered) {
        // The enumerator registers it; keep waiting.
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "enhanced fan-out consumer "
                + settings.consumerName()
                + " on "
                + stream
                + " did not become ACTIVE within "
                + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for consumer " + stream, e);
      }
    }
  }

  private String streamArn(String stream) {
    return stream.startsWith("arn:")
        ? stream
        : client
            .describeStreamSummary(r -> r.streamName(stream))
            .streamDescriptionSummary()
            .streamARN();
  }

  @Override
  public void close() {
    client.close();
  }
}
