package io.logpulse.detect;

/**
 * One value of a series as a detector sees it.
 *
 * @param timestamp event time of the value (window start), epoch ms
 * @param value the metric's value
 * @param weight how many events the value stands for (requests behind an error rate); 1 when
 *     unknown
 * @param forecast the seasonal baseline's forecast made before this value
 */
public record Observation(long timestamp, double value, double weight, Forecast forecast) {}
