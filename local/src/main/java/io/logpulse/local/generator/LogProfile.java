package io.logpulse.local.generator;

import java.io.Serializable;

/**
 * How one kind of service logs: turns a unit of work (an HTTP request, a Lambda invocation, an API
 * call) into the log events that service would write, in that service's own format. Profiles are
 * stateless; everything random comes from the {@link Unit}.
 */
interface LogProfile extends Serializable {

  /**
   * The most log events {@link #write} emits for one unit, to bound envelope sizes; one unless a
   * profile writes several lines per request.
   */
  default int maxEventsPerUnit() {
    return 1;
  }

  /** The share of units that are requests (with a status or latency); the rest is other work. */
  default double requestShare() {
    return 1;
  }

  /** Writes the log events of one unit of work. */
  void write(Unit unit, LogLines out);
}
