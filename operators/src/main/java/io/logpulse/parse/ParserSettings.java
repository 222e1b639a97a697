package io.logpulse.parse;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link LogEventParser} names services and decides what is an error. Immutable: start from
 * {@link #defaults()} and derive variants with the {@code with...} methods, which validate their
 * argument and throw {@link IllegalArgumentException} naming the setting.
 *
 * <ul>
 *   <li>service rules: custom {@link ServiceNameResolver} rules tried before the built-in ones
 *       (default none), whether the built-in rules apply (default yes) and how many resolved log
 *       groups to cache (default 10,000);
 *   <li>error levels: levels that make an event an error (default ERROR and FATAL; CRITICAL is the
 *       same as FATAL because levels are normalized to TRACE, DEBUG, INFO, WARN, ERROR, FATAL);
 *   <li>error status threshold: an HTTP status at or above it is an error (default 500);
 *   <li>Lambda failures are errors: whether a Lambda timeout or failed invocation reported by the
 *       platform counts as an error (default yes);
 *   <li>max message length: characters of the message kept in {@code ServiceEvent.message} (default
 *       4096; longer messages are cut, never rejected);
 *   <li>operations: whether {@code ServiceEvent.operation} ({@code METHOD /path/template}) is
 *       produced (default yes);
 *   <li>change-kind rules: the user's CloudTrail change-kind rules, tried before the built-in ones
 *       (default none; see {@link ChangeKindRules} for the rule text).
 * </ul>
 */
public final class ParserSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4096;
  public static final int DEFAULT_ERROR_STATUS_THRESHOLD = 500;
  public static final int DEFAULT_SERVICE_CACHE_SIZE = 10_000;
  public static final int DEFAULT_MAX_OPERATIONS_PER_SERVICE = 100;
  public static final Set<String> DEFAULT_ERROR_LEVELS = Set.of(Levels.ERROR, Levels.FATAL);

  private static final ParserSettings DEFAULTS =
      new ParserSettings(
          "",
          true,
          DEFAULT_SERVICE_CACHE_SIZE,
          DEFAULT_ERROR_LEVELS,
          DEFAULT_ERROR_STATUS_THRESHOLD,
          true,
          DEFAULT_MAX_MESSAGE_LENGTH,
          true,
          DEFAULT_MAX_OPERATIONS_PER_SERVICE,
          "");

  private final String serviceRules;
  private final boolean defaultServiceRules;
  private final int serviceCacheSize;
  private final Set<String> errorLevels;
  private final int errorStatusThreshold;
  private final boolean lambdaFailuresAreErrors;
  private final int maxMessageLength;
  private final boolean operations;
  private final int maxOperationsPerService;
  private final String changeKindRules;

  private ParserSettings(
      String serviceRules,
      boolean defaultServiceRules,
      int serviceCacheSize,
      Set<String> errorLevels,
      int errorStatusThreshold,
      boolean lambdaFailuresAreErrors,
      int maxMessageLength,
      boolean operations,
      int maxOperationsPerService,
      String changeKindRules) {
    this.serviceRules = serviceRules;
    this.defaultServiceRules = defaultServiceRules;
    this.serviceCacheSize = serviceCacheSize;
    this.errorLevels = errorLevels;
    this.errorStatusThreshold = errorStatusThreshold;
    this.lambdaFailuresAreErrors = lambdaFailuresAreErrors;
    this.maxMessageLength = maxMessageLength;
    this.operations = operations;
    this.maxOperationsPerService = maxOperationsPerService;
    this.changeKindRules = changeKindRules;
  }

  /** The settings described in the class documentation. */
  public static ParserSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Custom service rules in {@link ServiceNameResolver}'s rule text format, tried before the
   * built-in rules.
   *
   * @throws IllegalArgumentException naming the first invalid rule
   */
  public ParserSettings withServiceRules(String rules) {
    String text = rules == null ? "" : rules;
    ServiceNameResolver.parseRules(text);
    return new ParserSettings(
        text,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /** Whether the built-in {@link ServiceNameResolver#DEFAULT_RULES} apply after custom ones. */
  public ParserSettings withDefaultServiceRules(boolean enabled) {
    return new ParserSettings(
        serviceRules,
        enabled,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /** How many resolved log groups to cache; 0 disables the cache. */
  public ParserSettings withServiceCacheSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("service cache size must be >= 0, was " + size);
    }
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        size,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /**
   * The levels that make an event an error, in any spelling {@link LogEventParser} understands (for
   * example {@code error}, {@code CRITICAL}, {@code warning}); stored normalized.
   *
   * @throws IllegalArgumentException naming a value that is not a level
   */
  public ParserSettings withErrorLevels(Collection<String> levels) {
    Objects.requireNonNull(levels, "error levels");
    Set<String> normalized = new LinkedHashSet<>();
    for (String level : levels) {
      String canonical = level == null ? null : Levels.normalize(level.trim());
      if (canonical == null) {
        throw new IllegalArgumentException(
            "invalid error level '"
                + level
                + "': expected one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL (or an alias such"
                + " as WARNING, CRITICAL, SEVERE)");
      }
      normalized.add(canonical);
    }
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        Set.copyOf(normalized),
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /** HTTP status from which a request is an error, between 100 and 600 (600: never). */
  public ParserSettings withErrorStatusThreshold(int status) {
    if (status < 100 || status > 600) {
      throw new IllegalArgumentException(
          "error status threshold must be between 100 and 600, was " + status);
    }
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        status,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /** Whether Lambda timeouts and failed invocations reported by the platform are errors. */
  public ParserSettings withLambdaFailuresAreErrors(boolean enabled) {
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        enabled,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /** Characters of the message kept in {@code ServiceEvent.message}; at least 0. */
  public ParserSettings withMaxMessageLength(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("max message length must be >= 0, was " + length);
    }
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        length,
        operations,
        maxOperationsPerService,
        changeKindRules);
  }

  /** Whether {@code ServiceEvent.operation} is produced. */
  public ParserSettings withOperations(boolean enabled) {
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        enabled,
        maxOperationsPerService,
        changeKindRules);
  }

  public String serviceRules() {
    return serviceRules;
  }

  public boolean defaultServiceRules() {
    return defaultServiceRules;
  }

  public int serviceCacheSize() {
    return serviceCacheSize;
  }

  /** Normalized level names; unmodifiable. */
  public Set<String> errorLevels() {
    return errorLevels;
  }

  public int errorStatusThreshold() {
    return errorStatusThreshold;
  }

  public boolean lambdaFailuresAreErrors() {
    return lambdaFailuresAreErrors;
  }

  public int maxMessageLength() {
    return maxMessageLength;
  }

  public boolean operations() {
    return operations;
  }

  /** Distinct operations a parser names per service before further ones become {@code OTHER}. */
  public int maxOperationsPerService() {
    return maxOperationsPerService;
  }

  /**
   * Caps the distinct operations per service, so an unforeseen kind of identifier in paths cannot
   * multiply the metric series; further operations are named {@value OperationLimiter#OTHER}.
   */
  public ParserSettings withMaxOperationsPerService(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("max operations per service must be >= 1, was " + limit);
    }
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        limit,
        changeKindRules);
  }

  /**
   * CloudTrail change-kind rules ({@code [eventSource:]EventName=kind}, comma-separated; see {@link
   * ChangeKindRules}) tried before the built-in ones; blank for none.
   *
   * @throws IllegalArgumentException naming the first invalid rule
   */
  public ParserSettings withChangeKindRules(String rules) {
    String text = rules == null ? "" : rules;
    ChangeKindRules.parse(text);
    return new ParserSettings(
        serviceRules,
        defaultServiceRules,
        serviceCacheSize,
        errorLevels,
        errorStatusThreshold,
        lambdaFailuresAreErrors,
        maxMessageLength,
        operations,
        maxOperationsPerService,
        text);
  }

  /** The CloudTrail change-kind rule text; empty for none. */
  public String changeKindRules() {
    return changeKindRules;
  }
}
