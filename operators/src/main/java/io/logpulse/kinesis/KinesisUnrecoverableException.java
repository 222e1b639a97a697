package io.logpulse.kinesis;

/**
 * A Kinesis call failed in a way retrying cannot fix (see {@link KinesisErrors}); the message names
 * the call, shard and stream and says what to do.
 */
public final class KinesisUnrecoverableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  KinesisUnrecoverableException(String message, Throwable cause) {
    super(message, cause);
  }
}
