package io.logpulse.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Names the service a log group belongs to, so metrics are grouped by service rather than by log
 * group.
 *
 * <p>Rules are tried in order; the first whose regular expression is found in the log group name
 * (Java {@link Matcher#find()}, so anchor with {@code ^} and {@code $} where needed) and whose
 * template expands to a non-blank name wins. When no rule matches, the service is the last
 * non-empty {@code /}-separated segment of the log group, or {@value #UNKNOWN} for an empty one.
 *
 * <p><b>Rule text format.</b> One rule per line or separated by {@code ;}; blank entries are
 * ignored. A rule is {@code REGEX=>TEMPLATE}, split at the last {@code =>}. The template is literal
 * text with {@code ${name}} (a named group {@code (?<name>...)}) or {@code ${1}} (a numbered group)
 * references; a group that did not take part in the match expands to nothing. A regular expression
 * cannot contain a literal {@code ;}: write {@code \x3B} instead. Example:
 *
 * <pre>
 * ^/aws/lambda/(?&lt;name&gt;[^/]+)=&gt;${name}; ^/custom/(\w+)/.*=&gt;team-${1}
 * </pre>
 *
 * <p>Custom rules come before the {@link #DEFAULT_RULES}, which can be left out. Resolved log
 * groups are cached in a bounded map because a job sees the same few thousand log groups over and
 * over; the cache is cleared when full, which is cheaper than LRU bookkeeping and good enough for a
 * working set that rarely exceeds it. Thread-safe.
 */
public final class ServiceNameResolver implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Service of an empty log group name. */
  public static final String UNKNOWN = "unknown";

  /**
   * The built-in rules: Lambda functions, ECS services (without a trailing {@code -task}), API
   * Gateway execution logs ({@code apigw-<apiId>}), API Gateway access log groups, EKS clusters
   * ({@code eks-<cluster>}) and CloudTrail log groups ({@code cloudtrail}).
   */
  public static final String DEFAULT_RULES =
      String.join(
          "\n",
          "^/aws/lambda/(?<name>[^/]+)=>${name}",
          "^/(?:aws/)?ecs/(?<name>[^/]+?)(?:-task)?(?:/.*)?$=>${name}",
          "^API-Gateway-Execution-Logs_(?<api>[^/]+)(?:/.*)?$=>apigw-${api}",
          "^/aws/api-?gateway/(?<name>[^/]+)=>${name}",
          "^/aws/eks/(?<cluster>[^/]+)(?:/.*)?$=>eks-${cluster}",
          "(?i)cloudtrail=>cloudtrail");

  private static final Set<String> GENERIC_SEGMENTS =
      Set.of("access", "error", "errors", "app", "application", "logs", "log", "stdout", "stderr");

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final List<Rule> rules;
  private final int cacheSize;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /**
   * @param customRules rule text in the format above, tried first; may be empty
   * @param withDefaults whether the {@link #DEFAULT_RULES} follow the custom ones
   * @param cacheSize how many resolved log groups to remember; 0 disables the cache
   * @throws IllegalArgumentException naming the first invalid rule
   */
  public ServiceNameResolver(String customRules, boolean withDefaults, int cacheSize) {
    if (cacheSize < 0) {
      throw new IllegalArgumentException("service cache size must be >= 0, was " + cacheSize);
    }
    List<Rule> all = new ArrayList<>(parseRules(customRules));
    if (withDefaults) {
      all.addAll(parseRules(DEFAULT_RULES));
    }
    this.rules = List.copyOf(all);
    this.cacheSize = cacheSize;
  }

  /** The service name for a log group; never null or blank. */
  public String resolve(String logGroup) {
    if (logGroup == null) {
      return UNKNOWN;
    }
    String cached = cache.get(logGroup);
    if (cached != null) {
      return cached;
    }
    String service = compute(logGroup);
    if (cacheSize > 0) {
      if (cache.size() >= cacheSize) {
        cache.clear();
      }
      cache.put(logGroup, service);
    }
    return service;
  }

  private String compute(String logGroup) {
    for (Rule rule : rules) {
      String name = rule.apply(logGroup);
      if (name != null) {
        return name;
      }
    }
    return lastSegment(logGroup);
  }

  /**
   * The last segment that names something: words such as {@code access}, {@code error} or {@code
   * application} say which log of a service it is, not which service, so {@code
   * /aws/ec2/web/nginx/access} is {@code nginx}. A group made only of such words keeps its last.
   */
  private static String lastSegment(String logGroup) {
    String fallback = null;
    int end = logGroup.length();
    while (end > 0) {
      while (end > 0 && logGroup.charAt(end - 1) == '/') {
        end--;
      }
      int start = logGroup.lastIndexOf('/', end - 1) + 1;
      String segment = logGroup.substring(start, end).trim();
      if (!segment.isEmpty()) {
        if (!GENERIC_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
          return segment;
        }
        if (fallback == null) {
          fallback = segment;
        }
      }
      end = start;
    }
    return fallback != null ? fallback : UNKNOWN;
  }

  /**
   * Parses rule text (see the class documentation).
   *
   * @throws IllegalArgumentException naming the rule and what is wrong with it
   */
  static List<Rule> parseRules(String text) {
    List<Rule> parsed = new ArrayList<>();
    if (text == null) {
      return parsed;
    }
    int number = 0;
    for (String entry : text.split("[;\\n]")) {
      String spec = entry.trim();
      if (spec.isEmpty()) {
        continue;
      }
      number++;
      parsed.add(Rule.parse(spec, number));
    }
    return parsed;
  }

  /** One compiled {@code REGEX=>TEMPLATE} rule. */
  static final class Rule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Pattern pattern;

    /** Literal text at even indexes, group references (name or number) at odd indexes. */
    private final List<String> parts;

    private Rule(Pattern pattern, List<String> parts) {
      this.pattern = pattern;
      this.parts = parts;
    }

    static Rule parse(String spec, int number) {
      int arrow = spec.lastIndexOf("=>");
      if (arrow <= 0) {
        throw invalid(number, spec, "expected REGEX=>TEMPLATE");
      }
      String regex = spec.substring(0, arrow).trim();
      String template = spec.substring(arrow + 2).trim();
      if (template.isEmpty()) {
        throw invalid(number, spec, "the template after => is empty");
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw invalid(number, spec, "invalid regular expression: " + e.getDescription());
      }
      List<String> parts = templateParts(template, number, spec);
      int groupCount = pattern.matcher("").groupCount();
      List<String> names = new ArrayList<>();
      Matcher named = NAMED_GROUP.matcher(regex);
      while (named.find()) {
        names.add(named.group(1));
      }
      for (int i = 1; i < parts.size(); i += 2) {
        String ref = parts.get(i);
        boolean known =
            isGroupNumber(ref)
                ? ref.length() <= 3 && Integer.parseInt(ref) <= groupCount
                : names.contains(ref);
        if (!known) {
          throw invalid(
              number,
              spec,
              "the template refers to group '"
                  + ref
                  + "', which the regular expression does not define");
        }
      }
      return new Rule(pattern, List.copyOf(parts));
    }

    private static List<String> templateParts(String template, int number, String spec) {
      List<String> parts = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      int i = 0;
      while (i < template.length()) {
        if (template.startsWith("${", i)) {
          int close = template.indexOf('}', i);
          String ref = close < 0 ? "" : template.substring(i + 2, close).trim();
          if (ref.isEmpty()) {
            throw invalid(number, spec, "unclosed or empty ${...} in the template");
          }
          parts.add(literal.toString());
          parts.add(ref);
          literal.setLength(0);
          i = close + 1;
        } else {
          literal.append(template.charAt(i++));
        }
      }
      parts.add(literal.toString());
      return parts;
    }

    /** The expanded, trimmed template when the rule matches with a non-blank result, else null. */
    String apply(String logGroup) {
      Matcher m = pattern.matcher(logGroup);
      if (!m.find()) {
        return null;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < parts.size(); i++) {
        if (i % 2 == 0) {
          out.append(parts.get(i));
        } else {
          String ref = parts.get(i);
          String value = isGroupNumber(ref) ? m.group(Integer.parseInt(ref)) : m.group(ref);
          if (value != null) {
            out.append(value);
          }
        }
      }
      String name = out.toString().trim();
      return name.isEmpty() ? null : name;
    }

    private static boolean isGroupNumber(String ref) {
      return ref.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static IllegalArgumentException invalid(int number, String spec, String problem) {
      return new IllegalArgumentException(
          "invalid service rule #" + number + " '" + spec + "': " + problem);
    }
  }
}
