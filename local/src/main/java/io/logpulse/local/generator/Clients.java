package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * Simulated callers: source addresses from the documentation ranges (RFC 5737) and common user
 * agents, so that no generated log line names a real host.
 */
final class Clients {

  private static final String[] NETWORKS = {"192.0.2.", "198.51.100.", "203.0.113."};
  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "ELB-HealthChecker/2.0",
    "curl/8.5.0"
  };

  private Clients() {}

  /** An IPv4 address from one of the documentation networks. */
  static StringBuilder ip(StringBuilder sb, SplittableRandom rng) {
    return sb.append(NETWORKS[rng.nextInt(NETWORKS.length)]).append(1 + rng.nextInt(254));
  }

  /** A browser, health checker or command-line user agent. */
  static String userAgent(SplittableRandom rng) {
    return USER_AGENTS[rng.nextInt(USER_AGENTS.length)];
  }
}
