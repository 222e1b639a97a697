package io.logpulse.kinesis;

import io.logpulse.schema.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * The source reader: one fetcher thread runs the polling or fan-out split reader for all shards of
 * this subtask; finished shards are reported to the enumerator so their children can start.
 */
final class KinesisSourceReader<T>
    extends SingleThreadMultiplexSourceReaderBase<
        SourceRecord, T, KinesisShardSplit, KinesisShardSplitState> {

  KinesisSourceReader(
      Supplier<SplitReader<SourceRecord, KinesisShardSplit>> splitReader,
      KinesisRecordEmitter<T> emitter,
      SourceReaderContext context) {
    super(splitReader, emitter, context.getConfiguration(), context);
  }

  @Override
  protected void onSplitFinished(Map<String, KinesisShardSplitState> finished) {
    List<String> ids = new ArrayList<>(finished.keySet());
    if (!ids.isEmpty()) {
      context.sendSourceEventToCoordinator(new ShardsFinishedEvent(ids));
    }
  }

  @Override
  protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
    return new KinesisShardSplitState(split);
  }

  @Override
  protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
    return state.toSplit();
  }
}
