package io.logpulse.local.detect;

import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.SeriesDetector;
import io.logpulse.detect.SeriesPoint;
import io.logpulse.detect.SeriesScorer;

/**
 * One series scored value by value exactly the way the job's detection operator scores it: the same
 * {@link SeriesScorer} steps (settings, seed from the series key, expiry after the state TTL) and
 * the ensemble's state written to bytes and restored around every value, as keyed state does. This
 * is what {@code logpulse detect} runs, so its scores are the job's.
 */
public final class JobSeries {

  /** The account a CSV series is attributed to. */
  public static final String ACCOUNT = "000000000000";

  private final SeriesScorer scorer;
  private final String service;
  private final MetricKind metric;
  private byte[] state;
  private SeriesPoint last;

  public JobSeries(DetectSettings settings, String service, MetricKind metric) {
    this.scorer = new SeriesScorer(settings);
    this.service = service;
    this.metric = metric;
  }

  /**
   * The ensemble's score of one value, from earlier values only; 0 for a value the job ignores (not
   * after the previous one).
   *
   * @param weight events behind the value (requests behind an error rate), 1 when unknown
   */
  public double score(long timestamp, double value, double weight) {
    SeriesPoint point = new SeriesPoint(ACCOUNT, service, null, metric, timestamp, value, weight);
    if (scorer.expired(last, point)) {
      state = null;
      last = null;
    }
    SeriesDetector ensemble = scorer.ensemble(state, point, point.seriesKey());
    SeriesDetector.Result result = ensemble.update(timestamp, value, weight);
    if (result == null) {
      return 0;
    }
    state = ensemble.toBytes();
    last = point;
    return result.score();
  }
}
