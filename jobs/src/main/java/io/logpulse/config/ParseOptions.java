package io.logpulse.config;

import io.logpulse.parse.ChangeEvents;
import io.logpulse.parse.ParserSettings;
import java.util.Arrays;
import java.util.List;

/**
 * Configuration keys of log parsing: service names, what counts as an error, operations, CloudTrail
 * change kinds.
 */
public final class ParseOptions {

  public static final ConfigKey<String> SERVICE_RULES =
      ConfigKey.of(
          "parse.service-rules",
          "Extra rules naming a service from its log group, tried before the built-in ones:"
              + " 'regex=>template' separated by ';' or newlines, e.g."
              + " '^/custom/(?<name>[^/]+)=>${name}'.",
          "",
          ValueParser.of(
              rules -> {
                ParserSettings.defaults().withServiceRules(rules);
                return rules;
              },
              "rules 'regex=>template' separated by ';' or newlines"));

  public static final ConfigKey<Boolean> DEFAULT_SERVICE_RULES =
      ConfigKey.of(
          "parse.default-service-rules",
          "Whether the built-in rules (/aws/lambda/<fn>, /ecs/<svc>, API Gateway, ...) apply"
              + " after parse.service-rules.",
          "true",
          ValueParser.bool());

  public static final ConfigKey<List<String>> ERROR_LEVELS =
      ConfigKey.of(
          "parse.error-levels",
          "Log levels that make an event an error, comma-separated.",
          "ERROR,FATAL",
          ValueParser.of(
              text -> {
                List<String> levels = Arrays.stream(text.split(",")).map(String::trim).toList();
                ParserSettings.defaults().withErrorLevels(levels);
                return levels;
              },
              "a comma-separated list of TRACE, DEBUG, INFO, WARN, ERROR, FATAL"));

  public static final ConfigKey<Integer> ERROR_STATUS_MIN =
      ConfigKey.of(
          "parse.error-status-min",
          "Lowest HTTP status that makes a request an error.",
          "500",
          ValueParser.intBetween(100, 599));

  public static final ConfigKey<Boolean> LAMBDA_FAILURES_ARE_ERRORS =
      ConfigKey.of(
          "parse.lambda-failures-are-errors",
          "Whether Lambda timeouts and failed invocations count as errors.",
          "true",
          ValueParser.bool());

  public static final ConfigKey<Integer> MAX_MESSAGE_CHARS =
      ConfigKey.of(
          "parse.max-message-chars",
          "Characters of each message kept in parsed events (longer ones are cut, never"
              + " rejected).",
          "4096",
          ValueParser.intBetween(64, 1 << 20));

  public static final ConfigKey<Boolean> OPERATIONS =
      ConfigKey.of(
          "parse.operations",
          "Whether requests also count towards per-operation series (method and path template).",
          "true",
          ValueParser.bool());

  public static final ConfigKey<Integer> MAX_OPERATIONS_PER_SERVICE =
      ConfigKey.of(
          "parse.max-operations-per-service",
          "Distinct operations each parser instance names per service; further ones count as"
              + " OTHER, so unforeseen path identifiers cannot multiply the series.",
          "100",
          ValueParser.intBetween(1, 100_000));

  public static final ConfigKey<String> CLOUDTRAIL_CHANGE_KINDS =
      ConfigKey.of(
          "parse.cloudtrail.change-kinds",
          "Extra rules classifying mutating CloudTrail calls, tried before the built-in ones:"
              + " '[eventSource:]EventName=kind' separated by commas, EventName may end with * for"
              + " a prefix, e.g. 'UpdateFunctionConfiguration=deploy,s3:PutBucket*=configuration'.",
          "",
          ValueParser.of(
              rules -> {
                ParserSettings.defaults().withChangeKindRules(rules);
                return rules;
              },
              "comma-separated '[eventSource:]EventName=kind' rules (EventName may end with *),"
                  + " kind one of "
                  + String.join(", ", ChangeEvents.KINDS)));

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          SERVICE_RULES,
          DEFAULT_SERVICE_RULES,
          ERROR_LEVELS,
          ERROR_STATUS_MIN,
          LAMBDA_FAILURES_ARE_ERRORS,
          MAX_MESSAGE_CHARS,
          OPERATIONS,
          MAX_OPERATIONS_PER_SERVICE,
          CLOUDTRAIL_CHANGE_KINDS);

  private ParseOptions() {}

  /** The parser settings a configuration describes. */
  public static ParserSettings settings(LogpulseConfig config) {
    return ParserSettings.defaults()
        .withServiceRules(config.get(SERVICE_RULES))
        .withDefaultServiceRules(config.get(DEFAULT_SERVICE_RULES))
        .withErrorLevels(config.get(ERROR_LEVELS))
        .withErrorStatusThreshold(config.get(ERROR_STATUS_MIN))
        .withLambdaFailuresAreErrors(config.get(LAMBDA_FAILURES_ARE_ERRORS))
        .withMaxMessageLength(config.get(MAX_MESSAGE_CHARS))
        .withOperations(config.get(OPERATIONS))
        .withMaxOperationsPerService(config.get(MAX_OPERATIONS_PER_SERVICE))
        .withChangeKindRules(config.get(CLOUDTRAIL_CHANGE_KINDS));
  }
}
