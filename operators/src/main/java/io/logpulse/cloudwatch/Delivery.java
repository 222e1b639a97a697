package io.logpulse.cloudwatch;

/** When the CloudWatch sink publishes what it receives. */
public enum Delivery {
  /**
   * After the checkpoint that contains the datums completes, through the sink's committer, so a
   * restart from a checkpoint does not publish them again.
   */
  ON_CHECKPOINT,
  /** As soon as a batch is full or a second has passed: lowest latency, at least once. */
  IMMEDIATE
}
