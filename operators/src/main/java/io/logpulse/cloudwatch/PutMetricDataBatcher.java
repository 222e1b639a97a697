package io.logpulse.cloudwatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits datums into PutMetricData requests within CloudWatch's limits: at most 1,000 datums and 1
 * MB of request body each (datums' sizes are {@link CloudWatchDatum#estimatedBytes() estimated
 * upwards}). The 150 values per datum are kept by {@link MetricDatumMapper} already.
 */
public final class PutMetricDataBatcher {

  /** CloudWatch's limit of datums per request. */
  public static final int MAX_DATUMS = 1000;

  /** CloudWatch's limit of a request's body, less room for the request's own parameters. */
  public static final long MAX_BYTES = 1_000_000 - 4_096;

  private PutMetricDataBatcher() {}

  /** The datums in order, cut into requests of at most {@code maxDatums} and {@link #MAX_BYTES}. */
  public static List<List<CloudWatchDatum>> split(List<CloudWatchDatum> datums, int maxDatums) {
    if (maxDatums < 1 || maxDatums > MAX_DATUMS) {
      throw new IllegalArgumentException("maxDatums must be 1 to " + MAX_DATUMS);
    }
    List<List<CloudWatchDatum>> requests = new ArrayList<>();
    List<CloudWatchDatum> current = new ArrayList<>();
    long bytes = 0;
    for (CloudWatchDatum datum : datums) {
      long size = datum.estimatedBytes();
      if (!current.isEmpty() && (current.size() == maxDatums || bytes + size > MAX_BYTES)) {
        requests.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(datum);
      bytes += size;
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    return requests;
  }
}
