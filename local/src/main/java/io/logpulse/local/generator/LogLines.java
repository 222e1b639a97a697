package io.logpulse.local.generator;

/**
 * Where a {@link LogProfile} writes log events: one {@link #begin} / {@link #commit} pair per
 * event, the message appended in between. The indirection lets the envelope writer reuse one buffer
 * for every message instead of allocating strings.
 */
interface LogLines {

  /** Starts an event at the given epoch-millisecond timestamp; returns an empty message buffer. */
  StringBuilder begin(long timestampMillis);

  /** Ends the event started by the last {@link #begin}. */
  void commit();
}
