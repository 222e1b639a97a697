package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.config.ConfigException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's state must have an operator to go to, found by the hash of its uid. */
class StateCompatibilityTest {

  @TempDir Path dir;

  private static StreamGraph graph() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromData(1, 2, 3)
        .uid("numbers")
        .map(x -> x + 1)
        .uid("plus-one")
        .sinkTo(new DiscardingSink<>())
        .uid("out");
    return env.getStreamGraph();
  }

  /** A savepoint holding coordinator state for operators with these uids. */
  private String savepoint(String... uids) throws IOException {
    Path folder = Files.createTempDirectory(dir, "savepoint-");
    List<OperatorState> states = new java.util.ArrayList<>();
    for (String uid : uids) {
      OperatorState state =
          new OperatorState(
              "Stage " + uid,
              uid,
              new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid)),
              1,
              128);
      state.setCoordinatorState(new ByteStreamStateHandle(uid, new byte[] {1, 2, 3}));
      states.add(state);
    }
    try (OutputStream out = Files.newOutputStream(folder.resolve("_metadata"))) {
      Checkpoints.storeCheckpointMetadata(
          new CheckpointMetadata(3, states, List.of()), new DataOutputStream(out));
    }
    return folder.toUri().toString();
  }

  @Test
  void stateOfOperatorsTheJobHasMaps() throws IOException {
    String path = savepoint("numbers", "plus-one");
    assertThatCode(() -> StateCompatibility.check(path, graph(), false)).doesNotThrowAnyException();
  }

  @Test
  void stateOfAnOperatorTheJobLostIsNamedByItsUid() throws IOException {
    String path = savepoint("numbers", "retired-stage");
    assertThatThrownBy(() -> StateCompatibility.check(path, graph(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "it holds state of operator uid 'retired-stage' (Stage retired-stage)")
        .hasMessageContaining("--set local.resume=none")
        .hasMessageContaining("--set local.resume-allow-non-restored-state=true")
        .message()
        .doesNotContain("'numbers'");
    assertThatCode(() -> StateCompatibility.check(path, graph(), true)).doesNotThrowAnyException();
  }
}
