package io.logpulse.kinesis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.testing.Envelopes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * CloudWatch Logs subscription records as a busy log stream sends them: 250 JSON log events each,
 * 30 to 40 KB gzipped, so that a full GetRecords batch reaches Kinesis' 10 MB answer limit.
 */
final class LargeRecords {

  /** Log events per record. */
  static final int EVENTS = 250;

  private static final int BATCH = 100;

  private LargeRecords() {}

  /** One record: {@code EVENTS} request logs with random ids, which gzip does not shrink much. */
  static byte[] record(Random random, long timestamp) {
    ObjectNode envelope =
        Envelopes.data("123456789012", "/ecs/orders-api", "orders-api/" + random.nextInt(6));
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < EVENTS; i++) {
      byte[] id = new byte[48];
      random.nextBytes(id);
      String message =
          "{\"level\":\"INFO\",\"service\":\"orders-api\",\"method\":\"GET\",\"path\":\"/orders/"
              + random.nextInt(1_000_000)
              + "\",\"status\":200,\"latency_ms\":"
              + random.nextInt(900)
              + ",\"request_id\":\""
              + hex.formatHex(id)
              + "\"}";
      Envelopes.event(envelope, Long.toString(timestamp * 1000 + i), timestamp + i, message);
    }
    return Envelopes.gzip(envelope);
  }

  /** Puts {@code count} records spread over the stream's shards; returns the count. */
  static int put(KinesisClient client, String stream, int count) {
    Random random = new Random(7);
    long timestamp = System.currentTimeMillis() - 3_600_000;
    List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH);
    for (int n = 0; n < count; n++) {
      batch.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("log-stream-" + n)
              .data(SdkBytes.fromByteArray(record(random, timestamp + n * 1000L)))
              .build());
      if (batch.size() == BATCH || n == count - 1) {
        List<PutRecordsRequestEntry> entries = List.copyOf(batch);
        PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(entries));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
          throw new IllegalStateException(response.failedRecordCount() + " records were not put");
        }
        batch.clear();
      }
    }
    return count;
  }
}
