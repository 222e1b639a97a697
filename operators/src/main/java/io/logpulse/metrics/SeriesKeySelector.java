package io.logpulse.metrics;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys partial aggregates by series: account, service and operation. */
public final class SeriesKeySelector implements KeySelector<SeriesAggregate, String> {

  @Override
  public String getKey(SeriesAggregate aggregate) {
    return key(aggregate.account(), aggregate.service(), aggregate.operation());
  }

  /** The key of a series; the separator cannot occur in account ids or service names. */
  public static String key(String account, String service, String operation) {
    return account + '\u0001' + service + '\u0001' + (operation == null ? "" : operation);
  }
}
