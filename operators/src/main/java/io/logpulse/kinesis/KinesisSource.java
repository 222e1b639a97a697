package io.logpulse.kinesis;

import io.logpulse.schema.SourceRecord;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Kinesis Data Streams source on Flink's FLIP-27 framework, for Flink 2.x where no released
 * connector runs: shards are splits, discovered periodically and assigned parents first; each
 * split's checkpointed state is the sequence number of the last record emitted, so a restore reads
 * exactly what came after. It reads by polling (GetRecords) or enhanced fan-out (SubscribeToShard),
 * unbounded or up to the tip as of job start.
 *
 * <p>Its shape follows the official connector's ({@code KinesisStreamsSource} with a
 * deserialization schema), so swapping one for the other touches only the source wiring.
 *
 * @param <T> what the deserializer makes of each record
 */
public final class KinesisSource<T>
    implements Source<T, KinesisShardSplit, KinesisEnumeratorState>, ResultTypeQueryable<T> {

  private final KinesisSourceSettings settings;
  private final KinesisRecordDeserializer<T> deserializer;

  public KinesisSource(KinesisSourceSettings settings, KinesisRecordDeserializer<T> deserializer) {
    this.settings = settings;
    this.deserializer = deserializer;
  }

  @Override
  public Boundedness getBoundedness() {
    return settings.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext context) {
    deserializer.open(context.metricGroup());
    Supplier<SplitReader<SourceRecord, KinesisShardSplit>> splitReader =
        settings.reader() == KinesisSourceSettings.ReaderType.EFO
            ? () ->
                new FanOutShardReader(
                    KinesisClients.async(settings),
                    new ConsumerArns(settings, KinesisClients.sync(settings)),
                    context.metricGroup())
            : () ->
                new PollingShardReader(
                    settings, KinesisClients.polling(settings), context.metricGroup());
    return new KinesisSourceReader<>(
        splitReader, new KinesisRecordEmitter<>(deserializer), context);
  }

  @Override
  public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> createEnumerator(
      SplitEnumeratorContext<KinesisShardSplit> context) {
    return new KinesisSourceEnumerator(context, settings, null);
  }

  @Override
  public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumeratorState state) {
    return new KinesisSourceEnumerator(context, settings, state);
  }

  @Override
  public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
    return KinesisShardSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<KinesisEnumeratorState> getEnumeratorCheckpointSerializer() {
    return new KinesisEnumeratorState.Serializer();
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return deserializer.producedType();
  }
}
