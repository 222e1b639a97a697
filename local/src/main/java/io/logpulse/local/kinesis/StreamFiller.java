package io.logpulse.local.kinesis;

import io.logpulse.local.generator.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Writes generated CloudWatch Logs subscription records into a Kinesis stream the way a
 * subscription filter would: each log stream's records on one partition key, in order.
 */
public final class StreamFiller {

  private static final int BATCH = 200;

  private final KinesisClient client;

  public StreamFiller(KinesisClient client) {
    this.client = client;
  }

  /** Creates the stream with {@code shards} shards unless it exists, and waits until ACTIVE. */
  public void ensureStream(String stream, int shards) throws InterruptedException {
    try {
      client.describeStreamSummary(r -> r.streamName(stream));
    } catch (ResourceNotFoundException missing) {
      client.createStream(r -> r.streamName(stream).shardCount(shards));
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (client
            .describeStreamSummary(r -> r.streamName(stream))
            .streamDescriptionSummary()
            .streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("stream " + stream + " did not become ACTIVE");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Puts every record of the generator; returns the bytes put. Records Kinesis refuses (for example
   * when throttled) are put again.
   */
  public long fill(String stream, WorkloadGenerator generator) {
    return fill(stream, generator, null);
  }

  /**
   * Puts every record of the generator into the shard owning {@code explicitHashKey}, or, when it
   * is null, each log stream's records on a partition key of their own.
   */
  public long fill(String stream, WorkloadGenerator generator, String explicitHashKey) {
    long bytes = 0;
    List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH);
    for (long i = 0; i < generator.recordCount(); i++) {
      SdkBytes data = SdkBytes.fromByteBuffer(generator.record(i).getData());
      bytes += data.asByteArrayUnsafe().length;
      batch.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("log-stream-" + (i % generator.streamCount()))
              .explicitHashKey(explicitHashKey)
              .data(data)
              .build());
      if (batch.size() == BATCH) {
        put(stream, batch);
      }
    }
    put(stream, batch);
    return bytes;
  }

  private void put(String stream, List<PutRecordsRequestEntry> batch) {
    List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
    while (!pending.isEmpty()) {
      List<PutRecordsRequestEntry> entries = List.copyOf(pending);
      PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(entries));
      pending.clear();
      for (int i = 0; i < entries.size(); i++) {
        if (response.records().get(i).errorCode() != null) {
          pending.add(entries.get(i));
        }
      }
    }
    batch.clear();
  }
}
