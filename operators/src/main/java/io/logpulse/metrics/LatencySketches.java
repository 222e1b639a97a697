package io.logpulse.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import io.logpulse.common.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The one kind of latency sketch logpulse uses, and its byte encoding (sketches-java's binary
 * encoding, {@code DDSketch.encode}/{@code DDSketch.decode}), as stored in {@code
 * MetricWindow.latency_sketch}.
 */
public final class LatencySketches {

  /** Relative accuracy of every latency quantile logpulse reports. */
  public static final double RELATIVE_ACCURACY = 0.01;

  /** Bins per sketch: at 1% accuracy 2048 bins span 17 orders of magnitude, so none collapse. */
  public static final int MAX_BINS = 2048;

  private LatencySketches() {}

  /** An empty sketch. */
  public static DDSketch create() {
    return DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
  }

  /** Decodes a sketch written by {@link #encode}. */
  public static DDSketch decode(byte[] bytes) {
    try {
      return DDSketch.decode(
          ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt latency sketch", e);
    }
  }

  /** Decodes a sketch from a buffer without moving the buffer's position. */
  public static DDSketch decode(ByteBuffer buffer) {
    return decode(Bytes.toArray(buffer));
  }

  /** The sketch's compact binary encoding, index mapping included. */
  public static byte[] encode(DDSketch sketch) {
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(256);
    try {
      sketch.encode(out, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode latency sketch", e);
    }
    return out.trimmedCopy();
  }
}
