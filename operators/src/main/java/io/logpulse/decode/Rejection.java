package io.logpulse.decode;

import io.logpulse.deadletter.DeadLetterReason;

/** Why a whole record cannot be used: thrown while decoding it, reported to the listener. */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  final DeadLetterReason reason;

  Rejection(DeadLetterReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }
}
