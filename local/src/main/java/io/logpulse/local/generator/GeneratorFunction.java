package io.logpulse.local.generator;

import io.logpulse.schema.SourceRecord;

/**
 * Adapts the {@link WorkloadGenerator} to Flink's {@code DataGeneratorSource}, which hands each
 * source subtask a range of indexes: since every record is a pure function of its index, the
 * parallel subtasks together emit exactly the records of a single sequential run.
 */
public final class GeneratorFunction
    implements org.apache.flink.connector.datagen.source.GeneratorFunction<Long, SourceRecord> {

  private static final long serialVersionUID = 1L;

  private final WorkloadGenerator generator;

  public GeneratorFunction(WorkloadGenerator generator) {
    this.generator = generator;
  }

  /** The generator whose records this function emits, e.g. for its record count. */
  public WorkloadGenerator generator() {
    return generator;
  }

  @Override
  public SourceRecord map(Long index) {
    return generator.record(index);
  }
}
