package io.logpulse.local;

import io.logpulse.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;

/**
 * Checks, before a resumed job is submitted, that every operator state in the checkpoint or
 * savepoint has an operator to go to in the new job, as Flink maps them: by the hash of the
 * operator's {@code uid}. Flink would refuse too, but only inside the job master and naming an
 * operator id hash; this names the uid the checkpoint recorded and the ways out, and nothing has
 * been read yet.
 */
final class StateCompatibility {

  private StateCompatibility() {}

  /**
   * @throws ConfigException naming each operator uid whose state the job has no operator for,
   *     unless {@code allowNonRestored}
   */
  static void check(String path, StreamGraph graph, boolean allowNonRestored) throws IOException {
    if (allowNonRestored) {
      return;
    }
    Set<OperatorID> operators = new HashSet<>();
    new StreamGraphHasherV2()
        .traverseStreamGraphAndGenerateHashes(graph)
        .values()
        .forEach(hash -> operators.add(new OperatorID(hash)));
    CheckpointMetadata metadata = CheckpointStore.metadata(path);
    List<String> orphans = new ArrayList<>();
    for (OperatorState state : metadata.getOperatorStates()) {
      boolean empty = state.getStateSize() == 0 && state.getCoordinatorState() == null;
      if (!empty && !operators.contains(state.getOperatorID())) {
        orphans.add(
            "'"
                + state.getOperatorUid().orElse(state.getOperatorID().toHexString())
                + "'"
                + state.getOperatorName().map(name -> " (" + name + ")").orElse(""));
      }
    }
    if (!orphans.isEmpty()) {
      throw new ConfigException(
          "cannot resume from "
              + path
              + ": it holds state of operator uid "
              + String.join(", ", orphans)
              + ", which this job does not have (its configuration or code changed). Nothing was"
              + " read. Start fresh with --set local.resume=none, or drop that state with --set"
              + " local.resume-allow-non-restored-state=true");
    }
  }
}
