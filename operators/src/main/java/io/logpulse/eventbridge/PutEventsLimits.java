package io.logpulse.eventbridge;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * EventBridge's PutEvents limits and its way of measuring an entry, so batches are cut before
 * EventBridge would refuse them.
 */
public final class PutEventsLimits {

  /** Entries per PutEvents request. */
  public static final int MAX_ENTRIES = 10;

  /** The entries of one request must together measure less than 256 KB ({@link #entrySize}). */
  public static final long MAX_REQUEST_BYTES = 256 * 1024 - 1;

  /**
   * Room left for the event's JSON envelope (id, account, region, time, ...), which newer
   * EventBridge documentation counts towards an entry's 256 KB as well.
   */
  static final long ENVELOPE_RESERVE = 1024;

  /** The largest entry the sink sends. */
  public static final long MAX_ENTRY_BYTES = MAX_REQUEST_BYTES - ENVELOPE_RESERVE;

  private PutEventsLimits() {}

  /**
   * An entry's size as EventBridge calculates it: 14 bytes for {@code Time} if set, plus the UTF-8
   * bytes of {@code Source}, {@code DetailType}, {@code Detail} and each of {@code Resources}.
   */
  public static long entrySize(PutEventsRequestEntry entry) {
    long size = entry.time() == null ? 0 : 14;
    size += utf8Bytes(entry.source()) + utf8Bytes(entry.detailType()) + utf8Bytes(entry.detail());
    if (entry.hasResources()) {
      for (String resource : entry.resources()) {
        size += utf8Bytes(resource);
      }
    }
    return size;
  }

  static long utf8Bytes(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
