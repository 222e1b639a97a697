package io.logpulse.cloudwatch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * One CloudWatch datum as it travels through the job: either a statistic set or a distribution
 * ({@code Values}/{@code Counts}, at most {@link #MAX_VALUES} of them). It is a Flink POJO (public
 * fields of basic and primitive-array types) so it crosses the network without Kryo, and it has its
 * own compact binary form for committables and buffered sink state. The SDK's {@code MetricDatum}
 * is built only when a request is sent.
 */
public class CloudWatchDatum implements Serializable {

  /** CloudWatch accepts at most this many distinct values per datum. */
  public static final int MAX_VALUES = 150;

  public String metricName;
  public String[] dimensionNames;
  public String[] dimensionValues;
  public long timestamp;
  public String unit;
  public double sampleCount;
  public double sum;
  public double minimum;
  public double maximum;

  /** Distinct values of a distribution, or null for a statistic set. */
  public double[] values;

  /** How often each of {@link #values} occurred. */
  public double[] counts;

  public CloudWatchDatum() {}

  /** A statistic set. */
  public static CloudWatchDatum statistics(
      String metricName,
      List<String[]> dimensions,
      long timestamp,
      String unit,
      double sampleCount,
      double sum,
      double minimum,
      double maximum) {
    CloudWatchDatum datum = base(metricName, dimensions, timestamp, unit);
    datum.sampleCount = sampleCount;
    datum.sum = sum;
    datum.minimum = minimum;
    datum.maximum = maximum;
    return datum;
  }

  /** A distribution of at most {@link #MAX_VALUES} distinct values with their counts. */
  public static CloudWatchDatum distribution(
      String metricName,
      List<String[]> dimensions,
      long timestamp,
      double[] values,
      double[] counts) {
    if (values.length != counts.length || values.length == 0 || values.length > MAX_VALUES) {
      throw new IllegalArgumentException(
          "a distribution holds 1 to " + MAX_VALUES + " values with one count each");
    }
    CloudWatchDatum datum = base(metricName, dimensions, timestamp, "Milliseconds");
    datum.values = values;
    datum.counts = counts;
    for (double count : counts) {
      datum.sampleCount += count;
    }
    return datum;
  }

  private static CloudWatchDatum base(
      String metricName, List<String[]> dimensions, long timestamp, String unit) {
    CloudWatchDatum datum = new CloudWatchDatum();
    datum.metricName = metricName;
    datum.dimensionNames = new String[dimensions.size()];
    datum.dimensionValues = new String[dimensions.size()];
    for (int i = 0; i < dimensions.size(); i++) {
      datum.dimensionNames[i] = dimensions.get(i)[0];
      datum.dimensionValues[i] = dimensions.get(i)[1];
    }
    datum.timestamp = timestamp;
    datum.unit = unit;
    return datum;
  }

  /** Whether this is a distribution rather than a statistic set. */
  public boolean isDistribution() {
    return values != null;
  }

  /** The SDK's datum. */
  public MetricDatum toSdk() {
    List<Dimension> dimensions = new ArrayList<>(dimensionNames.length);
    for (int i = 0; i < dimensionNames.length; i++) {
      dimensions.add(Dimension.builder().name(dimensionNames[i]).value(dimensionValues[i]).build());
    }
    MetricDatum.Builder builder =
        MetricDatum.builder()
            .metricName(metricName)
            .dimensions(dimensions)
            .timestamp(Instant.ofEpochMilli(timestamp))
            .unit(unit);
    if (isDistribution()) {
      builder
          .values(Arrays.stream(values).boxed().toList())
          .counts(Arrays.stream(counts).boxed().toList());
    } else {
      builder.statisticValues(
          StatisticSet.builder()
              .sampleCount(sampleCount)
              .sum(sum)
              .minimum(minimum)
              .maximum(maximum)
              .build());
    }
    return builder.build();
  }

  /**
   * An upper bound of the bytes this datum adds to a PutMetricData request in the query protocol,
   * where every field is a form parameter such as {@code
   * MetricData.member.1000.Values.member.150=1.2345678901234567E-5&}.
   */
  public long estimatedBytes() {
    long bytes = 3 * 64 + metricName.length() + unit.length();
    for (int i = 0; i < dimensionNames.length; i++) {
      bytes += 2 * 64 + 3 * (dimensionNames[i].length() + dimensionValues[i].length());
    }
    return bytes + (isDistribution() ? 2L * values.length * (64 + 24) : 4 * (64 + 24));
  }

  /** Writes the compact binary form read by {@link #read}. */
  public void write(DataOutput out) throws IOException {
    out.writeUTF(metricName);
    out.writeInt(dimensionNames.length);
    for (int i = 0; i < dimensionNames.length; i++) {
      out.writeUTF(dimensionNames[i]);
      out.writeUTF(dimensionValues[i]);
    }
    out.writeLong(timestamp);
    out.writeUTF(unit);
    out.writeDouble(sampleCount);
    out.writeDouble(sum);
    out.writeDouble(minimum);
    out.writeDouble(maximum);
    out.writeInt(isDistribution() ? values.length : -1);
    if (isDistribution()) {
      for (int i = 0; i < values.length; i++) {
        out.writeDouble(values[i]);
        out.writeDouble(counts[i]);
      }
    }
  }

  /** Reads what {@link #write} wrote. */
  public static CloudWatchDatum read(DataInput in) throws IOException {
    CloudWatchDatum datum = new CloudWatchDatum();
    datum.metricName = in.readUTF();
    int dimensions = in.readInt();
    datum.dimensionNames = new String[dimensions];
    datum.dimensionValues = new String[dimensions];
    for (int i = 0; i < dimensions; i++) {
      datum.dimensionNames[i] = in.readUTF();
      datum.dimensionValues[i] = in.readUTF();
    }
    datum.timestamp = in.readLong();
    datum.unit = in.readUTF();
    datum.sampleCount = in.readDouble();
    datum.sum = in.readDouble();
    datum.minimum = in.readDouble();
    datum.maximum = in.readDouble();
    int values = in.readInt();
    if (values >= 0) {
      datum.values = new double[values];
      datum.counts = new double[values];
      for (int i = 0; i < values; i++) {
        datum.values[i] = in.readDouble();
        datum.counts[i] = in.readDouble();
      }
    }
    return datum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudWatchDatum that
        && timestamp == that.timestamp
        && Double.compare(sampleCount, that.sampleCount) == 0
        && Double.compare(sum, that.sum) == 0
        && Double.compare(minimum, that.minimum) == 0
        && Double.compare(maximum, that.maximum) == 0
        && Objects.equals(metricName, that.metricName)
        && Arrays.equals(dimensionNames, that.dimensionNames)
        && Arrays.equals(dimensionValues, that.dimensionValues)
        && Objects.equals(unit, that.unit)
        && Arrays.equals(values, that.values)
        && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metricName, timestamp, Arrays.hashCode(dimensionValues));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(metricName).append('{');
    for (int i = 0; i < dimensionNames.length; i++) {
      text.append(dimensionNames[i]).append('=').append(dimensionValues[i]).append(", ");
    }
    text.append(Instant.ofEpochMilli(timestamp)).append(", n=").append(sampleCount);
    return text.append(", sum=").append(sum).append('}').toString();
  }
}
