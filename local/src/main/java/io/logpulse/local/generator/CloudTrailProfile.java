package io.logpulse.local.generator;

/**
 * A member account's CloudTrail events as an organization trail delivers them into the central log
 * group: one event JSON per log event, on stream {@code <account>_CloudTrail_<region>}.
 */
final class CloudTrailProfile implements LogProfile {

  private static final long serialVersionUID = 1L;

  private final String region;

  CloudTrailProfile(String region) {
    this.region = region;
  }

  @Override
  public void write(Unit unit, LogLines out) {
    CloudTrailJson.writeBackground(
        out.begin(unit.timestamp), unit.rng, unit.timestamp, unit.stream.account(), region);
    out.commit();
  }

  /** Writes a planted change, timestamped when it was made. */
  void writeChange(PlantedChange change, Unit unit, LogLines out) {
    CloudTrailChanges.write(out.begin(change.time().toEpochMilli()), unit.rng, change, region);
    out.commit();
  }
}
