package io.logpulse.kinesis;

/** A split being read: the split and the sequence number of the last record emitted from it. */
public final class KinesisShardSplitState {

  private final KinesisShardSplit split;
  private String lastSequenceNumber;

  public KinesisShardSplitState(KinesisShardSplit split) {
    this.split = split;
  }

  public KinesisShardSplit split() {
    return split;
  }

  public void emitted(String sequenceNumber) {
    lastSequenceNumber = sequenceNumber;
  }

  /** The split to checkpoint: it resumes after the last record emitted. */
  public KinesisShardSplit toSplit() {
    return split.resumingAfter(lastSequenceNumber);
  }
}
