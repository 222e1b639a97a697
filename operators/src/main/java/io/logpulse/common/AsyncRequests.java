package io.logpulse.common;

import java.util.List;
import java.util.concurrent.Executor;
import org.apache.flink.connector.base.sink.writer.ResultHandler;

/**
 * Runs one request of an async sink writer on the writer's own threads and reports its outcome to
 * Flink: done, some entries to try again, or a failure that fails the job. The AWS clients block,
 * so each in-flight request needs a thread of its own.
 */
public final class AsyncRequests {

  /** One request; returns the entries to send again (empty when all were accepted). */
  @FunctionalInterface
  public interface Attempt<T> {
    List<T> run() throws InterruptedException;
  }

  private AsyncRequests() {}

  public static <T> void submit(Executor pool, Attempt<T> attempt, ResultHandler<T> result) {
    pool.execute(
        () -> {
          List<T> again;
          try {
            again = attempt.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
            return;
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
          }
          if (again.isEmpty()) {
            result.complete();
          } else {
            result.retryForEntries(again);
          }
        });
  }
}
