package io.logpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** Kills a MiniCluster's TaskManager in the middle of a job, for exactly-once tests. */
public final class TaskManagerLoss {

  private TaskManagerLoss() {}

  /** A configuration that restarts a failed job a few times, quickly. */
  public static Configuration restarting() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    return conf;
  }

  /**
   * Waits for the job to end. With a cluster given, first waits until {@code committed} holds (a
   * checkpoint committed output), kills the TaskManager and starts a new one, and afterwards
   * asserts the job really went through a restart.
   */
  public static void await(
      JobClient job, MiniCluster killTaskManagerOf, Callable<Boolean> committed) throws Exception {
    if (killTaskManagerOf != null) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!committed.call()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no checkpoint committed output of job " + job.getJobID());
        }
        Thread.sleep(50);
      }
      killTaskManagerOf.terminateTaskManager(0).get();
      killTaskManagerOf.startTaskManager();
    }
    job.getJobExecutionResult().get();
    if (killTaskManagerOf != null) {
      assertThat(
              killTaskManagerOf
                  .getArchivedExecutionGraph(job.getJobID())
                  .get()
                  .getStatusTimestamp(JobStatus.RESTARTING))
          .as("the job restarted after losing its TaskManager")
          .isPositive();
    }
  }
}
