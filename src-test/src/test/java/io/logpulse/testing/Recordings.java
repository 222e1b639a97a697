package io.logpulse.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Writes recorded Kinesis records the way {@code aws kinesis get-records} prints them. */
public final class Recordings {

  private Recordings() {}

  /** A recorded record: its payload and when it reached Kinesis. */
  public record Recorded(byte[] payload, long arrivalMillis) {}

  /** Writes one pretty-printed get-records document holding every record. */
  public static void writeGetRecords(Path file, List<Recorded> records) throws IOException {
    ObjectNode document = Envelopes.JSON.createObjectNode();
    ArrayNode array = document.putArray("Records");
    long sequence = 49_590_338_271_490L;
    for (Recorded record : records) {
      ObjectNode node = array.addObject();
      node.put("SequenceNumber", Long.toString(sequence++));
      node.put("ApproximateArrivalTimestamp", BigDecimal.valueOf(record.arrivalMillis(), 3));
      node.put("Data", Base64.getEncoder().encodeToString(record.payload()));
      node.put("PartitionKey", "pk");
    }
    document.put("NextShardIterator", "AAAAAAAAAAE=");
    document.put("MillisBehindLatest", 0);
    Envelopes.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
  }
}
