package io.logpulse.kinesis;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * A Kinesis call failed in a way retrying cannot fix (a {@link AwsErrors.Kind#FATAL} error); the
 * message names the call, shard and stream and says what to do.
 */
public final class KinesisUnrecoverableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private KinesisUnrecoverableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * What a reader fails the job with on a fatal error: this exception, saying which call on which
   * shard of which stream failed and what to do (the error itself is its cause), inside one that
   * keeps a restart strategy from restarting the job on it forever.
   */
  static SuppressRestartsException of(
      Throwable error, String operation, String stream, String shardId) {
    String message =
        operation
            + " on shard "
            + shardId
            + " of Kinesis stream "
            + stream
            + " failed and retrying cannot fix it (the job does not restart on this error): "
            + AwsErrors.hint(AwsService.KINESIS, error);
    return new SuppressRestartsException(new KinesisUnrecoverableException(message, error));
  }
}
