package io.logpulse.local;

import io.logpulse.config.ValueParser;
import java.io.Serializable;
import java.util.Locale;

/**
 * Where a local run starts, as {@code local.resume} says: fresh ({@code none}), from the newest
 * completed checkpoint or savepoint in the checkpoint folder ({@code latest}), or from the one at a
 * path. {@link CheckpointStore#resolve} turns it into a path, or none.
 */
public sealed interface ResumePoint extends Serializable {

  /** Start fresh, from the source's configured start position. */
  record Fresh() implements ResumePoint {}

  /** The newest completed checkpoint or savepoint under the checkpoint folder. */
  record Latest() implements ResumePoint {}

  /** The checkpoint or savepoint folder (or its {@code _metadata} file) at {@code path}. */
  record At(String path) implements ResumePoint {}

  /** The parser of {@code local.resume}. */
  static ValueParser<ResumePoint> parser() {
    return ValueParser.of(
        text -> {
          if (text.isEmpty()) {
            throw new IllegalArgumentException("empty");
          }
          return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> new Fresh();
            case "latest" -> new Latest();
            default -> new At(text);
          };
        },
        "none | latest | the path of a checkpoint or savepoint (chk-N or savepoint-... folder)");
  }
}
