package io.logpulse.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.util.ExceptionUtils;

/**
 * Follows a submitted local job to its end, showing progress, and stops it when asked (Ctrl-C,
 * SIGTERM): a live job with a savepoint and without draining (stop-with-savepoint, so its sinks
 * commit what the savepoint covers and a resumed run goes on from exactly there), a batch job by
 * cancelling it (a batch has no checkpoint to resume from).
 */
final class JobWatch {

  /**
   * How a stopped run ended.
   *
   * @param savepoint the savepoint written, or null
   * @param problem why there is none, or null
   */
  record Stopped(String savepoint, String problem) {

    /** What to tell the user after the summary: where it stopped and how to go on. */
    void print(PrintStream console, Map<String, String> settings, boolean streaming) {
      if (!streaming) {
        console.println(
            "logpulse: stopped; a bounded batch run cannot resume (it commits only at its end):"
                + " run it again");
        return;
      }
      if (savepoint != null) {
        console.println("logpulse: stopped with a savepoint at " + savepoint);
      } else {
        console.println("logpulse: stopped without a savepoint: " + problem);
      }
      console.println(
          "logpulse: resume with: "
              + resumeCommand(settings, savepoint != null ? savepoint : "latest"));
    }
  }

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private final MiniCluster cluster;
  private final JobID jobId;
  private final boolean streaming;
  private final String savepoints;
  private final PrintStream console;

  JobWatch(
      MiniCluster cluster, JobID jobId, boolean streaming, String savepoints, PrintStream console) {
    this.cluster = cluster;
    this.jobId = jobId;
    this.streaming = streaming;
    this.savepoints = savepoints;
    this.console = console;
  }

  /**
   * Waits for the job to end.
   *
   * @return null when it ran to its end, how it stopped when asked to stop
   * @throws Exception the job's failure
   */
  Stopped await(ProgressDisplay progress, GracefulStop stop) throws Exception {
    CompletableFuture<String> savepoint = null;
    boolean cancelled = false;
    String problem = null;
    JobResult result;
    do {
      progress.show(JobCounters.totals());
      if (stop.requested() && savepoint == null && !cancelled) {
        if (streaming) {
          savepoint =
              cluster.stopWithSavepoint(jobId, savepoints, false, SavepointFormatType.CANONICAL);
        } else {
          cluster.cancelJob(jobId);
          cancelled = true;
        }
      }
      if (savepoint != null && savepoint.isCompletedExceptionally() && !cancelled) {
        problem = rootMessage(savepoint);
        console.println("logpulse: the savepoint failed (" + problem + "); cancelling the job");
        cluster.cancelJob(jobId);
        cancelled = true;
      }
      result = waitFor(progress.interval());
    } while (result == null);
    progress.finish(JobCounters.totals());
    if (savepoint == null && !cancelled) {
      result.toJobExecutionResult(getClass().getClassLoader());
      return null;
    }
    if (savepoint != null && !cancelled) {
      try {
        return new Stopped(savepoint.get(30, TimeUnit.SECONDS), null);
      } catch (Exception e) {
        problem = rootMessage(savepoint);
      }
    }
    return new Stopped(
        null, problem == null ? "cancelled" : problem + "; the newest checkpoint is kept");
  }

  private JobResult waitFor(Duration interval) throws Exception {
    try {
      return cluster.requestJobResult(jobId).get(interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      return null;
    }
  }

  private static String rootMessage(CompletableFuture<?> failed) {
    try {
      failed.getNow(null);
      return "no savepoint";
    } catch (RuntimeException e) {
      Throwable root = ExceptionUtils.stripCompletionException(e);
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
  }

  /** The command line that resumes a run with these settings from {@code resume}. */
  static String resumeCommand(Map<String, String> settings, String resume) {
    Map<String, String> values = new TreeMap<>(settings);
    values.put(LocalOptions.RESUME.name(), resume);
    return "local/logpulse run "
        + values.entrySet().stream()
            .map(entry -> "--set " + shellWord(entry.getKey() + "=" + entry.getValue()))
            .collect(Collectors.joining(" "));
  }

  private static String shellWord(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
