package io.logpulse.kinesis;

/**
 * The GetRecords {@code Limit} of one shard, adapted to what the shard and the server manage.
 *
 * <p>It doubles while batches come back full and halves (down to {@link #SMALL_FLOOR}) while they
 * come back small, never above a ceiling. A call that timed out halves the limit down to {@link
 * #TIMEOUT_FLOOR} and makes the halved limit the ceiling, so the next calls ask for less than the
 * one that took too long (large records: a full batch can be 10 MB); after every {@link
 * #CALLS_TO_GROW} calls answered in a row the ceiling doubles again, up to the configured maximum.
 */
final class BatchLimit {

  /** Least limit that small answers shrink it to. */
  static final int SMALL_FLOOR = 100;

  /** Least limit that timeouts shrink it to. */
  static final int TIMEOUT_FLOOR = 1;

  /** Answered calls in a row after which the ceiling lowered by a timeout doubles again. */
  static final int CALLS_TO_GROW = 50;

  /** Limit of a shard's first call. */
  static final int INITIAL = 1000;

  private final int max;
  private int ceiling;
  private int limit;
  private int answeredInARow;

  /**
   * @param max the largest limit ever asked for ({@code source.kinesis.polling.max-records})
   */
  BatchLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    this.max = max;
    this.ceiling = max;
    this.limit = Math.min(INITIAL, max);
  }

  /** The limit of the next call. */
  int limit() {
    return limit;
  }

  /** The highest limit allowed now: the maximum, or less after a timeout. */
  int ceiling() {
    return ceiling;
  }

  /** A call answered with {@code count} records. */
  void answered(int count) {
    if (++answeredInARow >= CALLS_TO_GROW && ceiling < max) {
      ceiling = (int) Math.min(max, 2L * ceiling);
      answeredInARow = 0;
    }
    limit =
        count >= limit
            ? (int) Math.min(ceiling, 2L * limit)
            : Math.max(Math.min(SMALL_FLOOR, ceiling), limit / 2);
  }

  /** A call timed out. */
  void timedOut() {
    answeredInARow = 0;
    limit = Math.max(TIMEOUT_FLOOR, limit / 2);
    ceiling = limit;
  }
}
