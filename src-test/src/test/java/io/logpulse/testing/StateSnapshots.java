package io.logpulse.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * Operator state snapshots committed under {@code src/test/resources/state-snapshots}: a test
 * restores the one an earlier build wrote, so a change that breaks restoring state (a serializer, a
 * state descriptor, a persisted code) fails the build. After an intended break, regenerate them
 * with {@code mvn -B verify -pl src-test -am -Dlogpulse.regenerate-state-snapshots=true} and commit
 * the files (README, "State across upgrades").
 */
public final class StateSnapshots {

  /** The system property that rewrites the committed snapshots from this build. */
  public static final String REGENERATE = "logpulse.regenerate-state-snapshots";

  private static final Path FOLDER = Path.of("src", "test", "resources", "state-snapshots");

  private StateSnapshots() {}

  /**
   * The committed snapshot {@code name}; with {@link #REGENERATE}, {@code current} is written as it
   * first. Fails when no snapshot is committed.
   */
  public static OperatorSubtaskState committed(String name, OperatorSubtaskState current)
      throws Exception {
    Path file = FOLDER.resolve(name + ".snapshot");
    if (Boolean.getBoolean(REGENERATE)) {
      Files.createDirectories(FOLDER);
      OperatorSnapshotUtil.writeStateHandle(current, file.toString());
    }
    if (!Files.exists(file)) {
      throw new AssertionError(
          "no committed state snapshot " + file + "; write it with -D" + REGENERATE + "=true");
    }
    return OperatorSnapshotUtil.readStateHandle(file.toString());
  }
}
