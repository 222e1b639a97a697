package io.logpulse.common;

import io.logpulse.deadletter.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The job's own counters. They live in the {@code kinesisanalytics} metric group because that is
 * the only group Managed Service for Apache Flink forwards to CloudWatch; sub-groups become
 * CloudWatch dimensions.
 */
public final class JobMetrics {

  /** The metric group Managed Service for Apache Flink forwards to CloudWatch. */
  public static final String GROUP = "kinesisanalytics";

  private final MetricGroup group;
  private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
  private Counter deadLettersTotal;

  public JobMetrics(MetricGroup operatorGroup) {
    this.group = operatorGroup.addGroup(GROUP);
  }

  /** A plain counter in the forwarded group, for one thread (the operator's) to increment. */
  public Counter counter(String name) {
    return group.counter(name);
  }

  /**
   * A counter in the forwarded group that several threads may increment at once, such as a sink's
   * request threads; a plain counter loses concurrent increments.
   */
  public Counter concurrentCounter(String name) {
    return group.counter(name, new ThreadSafeSimpleCounter());
  }

  /** A gauge in the forwarded group. */
  public <T> void gauge(String name, Gauge<T> gauge) {
    group.gauge(name, gauge);
  }

  /** A histogram in the forwarded group. */
  public Histogram histogram(String name, Histogram histogram) {
    return group.histogram(name, histogram);
  }

  /** Counts one dead letter under its reason (dimension {@code Reason}). */
  public void deadLetter(DeadLetterReason reason) {
    deadLetters(reason, 1);
  }

  /**
   * Counts {@code n} dead letters twice: under their reason (dimension {@code Reason}) and in a
   * total without it, which an alarm on the application's dimensions alone can watch. Sinks call it
   * from their request threads, so it is synchronized.
   */
  public synchronized void deadLetters(DeadLetterReason reason, long n) {
    deadLetters
        .computeIfAbsent(reason, r -> group.addGroup("Reason", r.name()).counter("deadLetters"))
        .inc(n);
    if (deadLettersTotal == null) {
      deadLettersTotal = group.counter("deadLetters");
    }
    deadLettersTotal.inc(n);
  }
}
