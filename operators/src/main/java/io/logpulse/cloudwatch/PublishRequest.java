package io.logpulse.cloudwatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The committable of the {@link Delivery#ON_CHECKPOINT} sink: one PutMetricData request's datums,
 * with an id that stays the same when Flink restores and re-commits it.
 *
 * @param id unique per request: the writer instance's random epoch, its subtask, its checkpoint
 *     sequence and the request's index
 * @param createdAt when the writer cut the request (epoch ms)
 * @param datums at most 1,000 datums within 1 MB
 */
public record PublishRequest(String id, long createdAt, List<CloudWatchDatum> datums) {

  /** The committable serializer (version 1). */
  public static final class Serializer implements SimpleVersionedSerializer<PublishRequest> {

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(PublishRequest request) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(request.id());
        out.writeLong(request.createdAt());
        out.writeInt(request.datums().size());
        for (CloudWatchDatum datum : request.datums()) {
          datum.write(out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public PublishRequest deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("unknown PublishRequest version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        String id = in.readUTF();
        long createdAt = in.readLong();
        int n = in.readInt();
        List<CloudWatchDatum> datums = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          datums.add(CloudWatchDatum.read(in));
        }
        return new PublishRequest(id, createdAt, datums);
      }
    }
  }
}
