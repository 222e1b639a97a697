package io.logpulse.impact;

/**
 * What one window showed: impact of a kind, credible and material, with the baseline it was judged
 * against and the window's value.
 *
 * @param kind what kind of impact
 * @param expected the baseline: error rate, p99 in ms, or requests per window
 * @param observed the window's value of the same
 * @param sizeLevel how large (see {@link ImpactKind#sizeLevel})
 * @param extreme whether this one window is enough to open an incident
 */
record WindowVerdict(
    ImpactKind kind, double expected, double observed, int sizeLevel, boolean extreme) {}
