package io.logpulse.local.generator;

import java.io.Serializable;

/**
 * One simulated CloudWatch Logs log stream and the traffic behind it.
 *
 * @param account the account whose activity the stream records
 * @param owner the account that owns the log group (differs for a central CloudTrail trail)
 * @param logGroup the log group name
 * @param logStream the log stream name
 * @param service the service name incidents and metrics refer to: the one the job's default service
 *     rules derive from the log group
 * @param profile how the service writes its logs
 * @param unitsPerSecond mean units of work per second at average daily load
 * @param deliveryLagMillis how long after an event its log stream delivers it (CloudTrail lags)
 */
record LogStreamSpec(
    String account,
    String owner,
    String logGroup,
    String logStream,
    String service,
    LogProfile profile,
    double unitsPerSecond,
    long deliveryLagMillis)
    implements Serializable {}
