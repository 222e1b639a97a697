package io.logpulse.parse;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the number of operations per service bounded: the first {@code limit} distinct operations a
 * parser sees for a service keep their names, later ones become {@value #OTHER}. Every operation is
 * a metric series, so this bounds window state and the CloudWatch bill even when paths carry an
 * identifier no template anticipated. Each parser instance decides on its own, so near the limit
 * two subtasks may name the same rare operation differently. Thread-safe.
 */
final class OperationLimiter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The operation name of everything past the limit. */
  static final String OTHER = "OTHER";

  private final int limit;
  private final int maxServices;
  private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

  OperationLimiter(int limit, int maxServices) {
    this.limit = limit;
    this.maxServices = Math.max(1, maxServices);
  }

  /** The operation's name, or {@value #OTHER} once the service has {@code limit} others. */
  String name(String service, String operation) {
    if (operation == null) {
      return null;
    }
    Set<String> operations = known.get(service);
    if (operations == null) {
      if (known.size() >= maxServices) {
        known.clear();
      }
      operations = known.computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet());
    }
    if (operations.contains(operation)) {
      return operation;
    }
    if (operations.size() >= limit) {
      return OTHER;
    }
    operations.add(operation);
    return operation;
  }
}
