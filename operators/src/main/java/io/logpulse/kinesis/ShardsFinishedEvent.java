package io.logpulse.kinesis;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Tells the enumerator that a reader has read these shards to their end, so their children may be
 * assigned: per-key order survives resharding only if no child is read before its parents.
 *
 * @param splitIds the finished splits
 */
public record ShardsFinishedEvent(List<String> splitIds) implements SourceEvent {}
