package io.logpulse.correlate;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How strongly a change's resources point at a service, in [0,1]: what makes "UpdateFunctionCode on
 * payments-fn" a better suspect for payments-fn's errors than a deploy of another function a minute
 * later.
 *
 * <ul>
 *   <li>1: a resource is configured for the service, or one of its name segments (ARNs and paths
 *       split at {@code : /}) is the service's name, as in {@code
 *       arn:aws:lambda:eu-west-1:123456789012:function:payments-fn} or {@code /checkout/db/pool};
 *   <li>0.7: a segment contains the name as a whole word ({@code checkout-tg} for {@code
 *       checkout});
 *   <li>0.5: a segment is the name without a generic suffix or prefix such as {@code -fn}, {@code
 *       -api} or {@code -service} ({@code payments} for {@code payments-fn});
 *   <li>0.3: a segment starts with the service's leading name parts, not all of them, and the rest
 *       of it is words for infrastructure ({@code web-alb-sg} for {@code web-nginx}: the load
 *       balancer of the web tier, which nginx serves). Parts are split at {@code - _ .}; a sibling
 *       service ({@code shop-payments} for {@code shop-cart}) does not match, since {@code
 *       payments} is no word for infrastructure;
 *   <li>0.2: the change names no resource at all, so nothing rules it out;
 *   <li>0: it names resources, none of them the service's.
 * </ul>
 */
final class ServiceAffinity implements Serializable {
  private static final long serialVersionUID = 1L;

  static final double CONFIGURED = 1.0;
  static final double SAME_NAME = 1.0;
  static final double WORD = 0.7;
  static final double STEM = 0.5;
  static final double PARTIAL = 0.3;
  static final double NO_RESOURCES = 0.2;

  private static final Set<String> GENERIC_WORDS =
      Set.of("fn", "func", "function", "api", "svc", "service", "app", "lambda", "prod", "web");
  private static final Pattern SEPARATORS = Pattern.compile("[:/]");
  private static final Pattern PARTS = Pattern.compile("[-_.]");

  /** Words that name a piece of infrastructure rather than a service. */
  private static final Set<String> INFRASTRUCTURE_WORDS =
      Set.of(
          "alb",
          "elb",
          "nlb",
          "lb",
          "sg",
          "tg",
          "listener",
          "rule",
          "role",
          "task",
          "tasks",
          "exec",
          "execution",
          "policy",
          "key",
          "kms",
          "vpc",
          "subnet",
          "subnets",
          "rtb",
          "rt",
          "nacl",
          "acl",
          "nat",
          "igw",
          "gw",
          "endpoint",
          "db",
          "rds",
          "cache",
          "redis",
          "queue",
          "sqs",
          "topic",
          "sns",
          "bucket",
          "table",
          "cluster",
          "asg",
          "secret",
          "secrets",
          "params",
          "config",
          "logs");

  private final Map<String, List<Pattern>> configured;

  ServiceAffinity(Map<String, List<String>> serviceResources) {
    this.configured =
        serviceResources.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT),
                    e -> e.getValue().stream().map(ServiceAffinity::glob).toList()));
  }

  /** The affinity and the resource behind it (null when none matched). */
  Match match(String service, List<String> resources) {
    if (resources == null || resources.isEmpty()) {
      return new Match(NO_RESOURCES, null);
    }
    String name = service.toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return new Match(0, null);
    }
    List<Pattern> patterns = configured.getOrDefault(name, List.of());
    String stem = stem(name);
    String[] parts = PARTS.split(name);
    Match best = new Match(0, null);
    for (String resource : resources) {
      double score = score(name, stem, parts, patterns, resource);
      if (score > best.score()) {
        best = new Match(score, resource);
      }
    }
    return best;
  }

  private static double score(
      String name, String stem, String[] parts, List<Pattern> patterns, String resource) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(resource).matches()) {
        return CONFIGURED;
      }
    }
    double best = 0;
    for (String segment : SEPARATORS.split(resource.toLowerCase(Locale.ROOT))) {
      if (segment.equals(name)) {
        return SAME_NAME;
      }
      if (containsWord(segment, name)) {
        best = Math.max(best, WORD);
      } else if (stem != null && (segment.equals(stem) || containsWord(segment, stem))) {
        best = Math.max(best, STEM);
      } else if (best < PARTIAL && leadingPartsThenInfrastructure(parts, segment)) {
        best = PARTIAL;
      }
    }
    return best;
  }

  /**
   * Whether {@code segment} starts with some, not all, of the service's name {@code parts} and goes
   * on with infrastructure words only.
   */
  private static boolean leadingPartsThenInfrastructure(String[] parts, String segment) {
    String[] words = PARTS.split(segment);
    int shared = 0;
    while (shared < parts.length - 1
        && shared < words.length
        && !parts[shared].isEmpty()
        && parts[shared].equals(words[shared])) {
      shared++;
    }
    if (shared == 0) {
      return false;
    }
    for (int i = shared; i < words.length; i++) {
      if (!INFRASTRUCTURE_WORDS.contains(words[i])) {
        return false;
      }
    }
    return true;
  }

  /** The name without generic words ({@code payments-fn} → {@code payments}), or null. */
  private static String stem(String name) {
    StringBuilder stem = new StringBuilder();
    for (String word : name.split("[-_.]")) {
      if (!word.isEmpty() && !GENERIC_WORDS.contains(word)) {
        if (stem.length() > 0) {
          stem.append('-');
        }
        stem.append(word);
      }
    }
    return stem.length() == 0 || stem.toString().equals(name) ? null : stem.toString();
  }

  /**
   * Whether the non-empty {@code word} occurs in {@code text} bounded by separators or the ends.
   */
  private static boolean containsWord(String text, String word) {
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      int end = i + word.length();
      if ((i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** An affinity score and the resource that earned it. */
  record Match(double score, String resource) {}
}
