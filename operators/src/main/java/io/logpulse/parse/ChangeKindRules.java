package io.logpulse.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The change kind of a mutating CloudTrail call: the user's rules first, in the order written, then
 * the built-in ones ({@link CloudTrailEvents#changeKind}). Users add rules for the APIs their own
 * stacks change through, or to reclassify a built-in one.
 *
 * <p>Rule text: comma-separated {@code [eventSource:]EventName=kind} rules, for example {@code
 * UpdateFunctionConfiguration=deploy, s3:PutBucket*=configuration}. The event source is the full
 * {@code eventSource} ({@code lambda.amazonaws.com}) or its first label ({@code lambda}); without
 * one the rule applies to every service. The event name is matched exactly, or as a prefix when it
 * ends with {@code *} ({@code s3:*} is every S3 call); a versioned Lambda name such as {@code
 * UpdateFunctionCode20150331v2} also matches a rule for {@code UpdateFunctionCode}. The kind is one
 * of {@link ChangeEvents#KINDS}.
 */
final class ChangeKindRules implements Serializable {
  private static final long serialVersionUID = 1L;

  static final ChangeKindRules NONE = new ChangeKindRules(List.of());

  private static final String AWS_HOST_SUFFIX = ".amazonaws.com";
  private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+\\*?|\\*");

  private record Rule(String source, String name, boolean prefix, String kind)
      implements Serializable {
    boolean matches(String eventSource, String eventName, String api) {
      if (source != null && !source.equals(eventSource)) {
        return false;
      }
      return prefix ? eventName.startsWith(name) : name.equals(eventName) || name.equals(api);
    }
  }

  private final List<Rule> rules;

  private ChangeKindRules(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * Parses rule text (see the class documentation); blank text means no rules.
   *
   * @throws IllegalArgumentException naming the first invalid rule and what is wrong with it
   */
  static ChangeKindRules parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    String[] items = text.split(",");
    for (int i = 0; i < items.length; i++) {
      String item = items[i].trim();
      if (!item.isEmpty()) {
        rules.add(rule(item, i + 1));
      }
    }
    return new ChangeKindRules(List.copyOf(rules));
  }

  /** The kind of a mutating call to {@code source} named {@code name}; never null. */
  String kind(String source, String name) {
    if (!rules.isEmpty() && name != null) {
      String api = CloudTrailEvents.withoutVersionSuffix(name);
      for (Rule rule : rules) {
        if (rule.matches(source, name, api)) {
          return rule.kind();
        }
      }
    }
    return CloudTrailEvents.changeKind(source, name);
  }

  private static Rule rule(String item, int number) {
    int equals = item.indexOf('=');
    if (equals < 0) {
      throw invalid(item, number, "expected [eventSource:]EventName=kind");
    }
    String kind = item.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
    if (!ChangeEvents.KINDS.contains(kind)) {
      throw invalid(
          item,
          number,
          "unknown kind '" + kind + "', expected one of " + String.join(", ", ChangeEvents.KINDS));
    }
    String target = item.substring(0, equals).trim();
    int colon = target.indexOf(':');
    String source = colon < 0 ? null : target.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    if (source != null && !SOURCE.matcher(source).matches()) {
      throw invalid(item, number, "the event source must be a host such as lambda.amazonaws.com");
    }
    String name = target.substring(colon + 1).trim();
    if (!NAME.matcher(name).matches()) {
      throw invalid(
          item, number, "the event name must be letters and digits, optionally ending with *");
    }
    boolean prefix = name.endsWith("*");
    return new Rule(
        source == null || source.indexOf('.') >= 0 ? source : source + AWS_HOST_SUFFIX,
        prefix ? name.substring(0, name.length() - 1) : name,
        prefix,
        kind);
  }

  private static IllegalArgumentException invalid(String item, int number, String why) {
    return new IllegalArgumentException(
        "invalid change-kind rule #" + number + " '" + item + "': " + why);
  }
}
