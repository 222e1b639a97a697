package io.logpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpulse.eventbridge.IncidentEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An event bus on a local server with a rule matching logpulse incidents (source and detail-type,
 * as the deploy module's rule) that delivers them to an SQS queue, and the events read back from
 * that queue. Clients of its own, so what the sink sent is read by an independent path.
 */
public final class IncidentQueue implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBridgeClient events;
  private final SqsClient sqs;
  private final String bus;
  private final String queueUrl;

  /** Creates bus {@code bus}, its rule and queue {@code bus + "-incidents"} at {@code endpoint}. */
  public IncidentQueue(String endpoint, String bus) {
    URI uri = URI.create(endpoint);
    events = EventBridgeClient.builder().endpointOverride(uri).region(Region.US_EAST_1).build();
    sqs = SqsClient.builder().endpointOverride(uri).region(Region.US_EAST_1).build();
    this.bus = bus;
    events.createEventBus(b -> b.name(bus));
    queueUrl = sqs.createQueue(b -> b.queueName(bus + "-incidents")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    events.putRule(
        b ->
            b.name("incidents")
                .eventBusName(bus)
                .eventPattern(
                    "{\"source\":[\""
                        + IncidentEntry.SOURCE
                        + "\"],\"detail-type\":[\""
                        + IncidentEntry.DETAIL_TYPE
                        + "\"]}"));
    events.putTargets(
        b -> b.rule("incidents").eventBusName(bus).targets(t -> t.id("queue").arn(queueArn)));
  }

  /** The bus's name. */
  public String bus() {
    return bus;
  }

  /**
   * The events (whole EventBridge events: source, detail-type, detail, ...) received until at least
   * {@code expected} have arrived and the queue stays empty for a moment, or {@code timeout}
   * passed.
   */
  public List<JsonNode> receive(int expected, Duration timeout) throws InterruptedException {
    List<JsonNode> received = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    int emptyPolls = 0;
    while (System.nanoTime() < deadline && (received.size() < expected || emptyPolls < 2)) {
      List<Message> messages =
          sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
      if (messages.isEmpty()) {
        emptyPolls++;
        Thread.sleep(100);
        continue;
      }
      emptyPolls = 0;
      for (Message message : messages) {
        received.add(parse(message.body()));
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      }
    }
    return received;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    events.close();
    sqs.close();
  }
}
