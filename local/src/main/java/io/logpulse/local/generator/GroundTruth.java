package io.logpulse.local.generator;

import java.util.List;

/**
 * What the generator planted in a run, to evaluate the job's incidents against: the incidents with
 * their causes and decoys, the noise that must not page anyone, and how many service-days the run
 * simulated (services with logs × simulated days), the unit false incidents are counted in.
 *
 * @param incidents the planted incidents, in start order
 * @param noise the planted noise events, in start order
 * @param serviceDays services with logs × simulated days
 */
public record GroundTruth(List<Incident> incidents, List<NoiseEvent> noise, double serviceDays) {

  /** Nothing planted: a run on another source. */
  public static final GroundTruth NONE = new GroundTruth(List.of(), List.of(), 0);

  public GroundTruth {
    incidents = List.copyOf(incidents);
    noise = List.copyOf(noise);
  }
}
