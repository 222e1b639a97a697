package io.logpulse.testing;

import io.logpulse.common.Bytes;
import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.schema.SourceRecord;
import io.logpulse.testing.Recordings.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recordings of the workload generator's fleet (three accounts; ECS, Lambda, API Gateway, nginx,
 * text and CloudTrail streams; planted incidents after the first hour), as a recorded stream would
 * hold them: every record with its arrival time, in arrival order.
 */
public final class GeneratedRecordings {

  private GeneratedRecordings() {}

  /**
   * {@code duration} of traffic from {@code start} at {@code trafficScale} of the generator's
   * volume, nothing delivered late and nothing damaged, in arrival order.
   */
  public static List<Recorded> inArrivalOrder(
      Instant start, Duration duration, double trafficScale, long seed) {
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.defaults()
                .withStart(start)
                .withDuration(duration)
                .withSeed(seed)
                .withTrafficScale(trafficScale)
                .withLateFraction(0)
                .withTooLateFraction(0)
                .withCorruptFraction(0));
    List<Recorded> records = new ArrayList<>();
    for (long i = 0; i < generator.recordCount(); i++) {
      SourceRecord record = generator.record(i);
      records.add(new Recorded(Bytes.toArray(record.getData()), record.getArrivalTime()));
    }
    records.sort(Comparator.comparingLong(Recorded::arrivalMillis));
    return records;
  }
}
