package io.logpulse.config;

import io.logpulse.correlate.CorrelateSettings;
import io.logpulse.parse.ChangeEvents;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Configuration keys of correlation: which changes become the suspects of an incident. */
public final class CorrelateOptions {

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.of(
          "correlate.enabled",
          "Whether user impact (see impact.*) becomes incidents with the CloudTrail changes made"
              + " before it ranked as suspects (needs detect.enabled).",
          "true",
          ValueParser.bool());

  public static final ConfigKey<Duration> HORIZON =
      ConfigKey.of(
          "correlate.horizon",
          "How long before an incident's start a change is still a suspect.",
          "30m",
          positive());

  public static final ConfigKey<Duration> AFTER_START =
      ConfigKey.of(
          "correlate.after-start",
          "How long after an incident's start a change still counts (a change inside the first"
              + " bad window can be its cause).",
          "2m",
          ValueParser.duration());

  public static final ConfigKey<Duration> LATE_WAIT =
      ConfigKey.of(
          "correlate.late-wait",
          "How long (event time) after an incident closes a CloudTrail event delivered late may"
              + " still re-rank its suspects.",
          "20m",
          ValueParser.duration());

  public static final ConfigKey<Duration> JOIN_WINDOW =
      ConfigKey.of(
          "correlate.join-window",
          "How long after an incident's start a statistical anomaly of the service joins it as"
              + " evidence; a later one is only recorded in the anomalies table.",
          "15m",
          positive());

  public static final ConfigKey<Duration> HALF_LIFE =
      ConfigKey.of(
          "correlate.half-life",
          "Time before the start at which a change's time proximity counts half.",
          "10m",
          positive());

  public static final ConfigKey<Integer> MAX_CHANGES_PER_ACCOUNT =
      ConfigKey.of(
          "correlate.max-changes-per-account",
          "Changes kept per account within the horizon; beyond it the oldest are dropped and"
              + " counted (changesDropped).",
          "1000",
          ValueParser.intBetween(1, 1_000_000));

  public static final ConfigKey<Integer> MAX_SUSPECTS =
      ConfigKey.of(
          "correlate.max-suspects",
          "Suspects an incident names.",
          "3",
          ValueParser.intBetween(1, 20));

  public static final ConfigKey<Double> MIN_SUSPECT_SCORE =
      ConfigKey.of(
          "correlate.min-suspect-score",
          "Rank score in [0,1] below which a change is not named as a suspect (the default"
              + " leaves out changes that neither name the service nor are close deploys).",
          "0.3",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Set<String>> SHARED_ACCOUNTS =
      ConfigKey.of(
          "correlate.shared-accounts",
          "Accounts whose changes are suspects for incidents in every account (a shared"
              + " networking account, say), comma-separated; otherwise correlation never crosses"
              + " accounts.",
          "",
          ValueParser.of(
              CorrelateOptions::accounts, "a comma-separated list of 12-digit account ids"));

  public static final ConfigKey<Map<String, List<String>>> SERVICE_RESOURCES =
      ConfigKey.of(
          "correlate.service-resources",
          "Resources that belong to a service although their names do not say so:"
              + " 'service=pattern|pattern' separated by ';', '*' matching anything, e.g."
              + " 'orders-api=a1b2c3d4e5|arn:aws:elasticloadbalancing:*:targetgroup/orders-*'.",
          "",
          ValueParser.of(
              CorrelateOptions::serviceResources,
              "'service=pattern|pattern' entries separated by ';'"));

  public static final ConfigKey<Map<String, String>> SERVICE_REGIONS =
      ConfigKey.of(
          "correlate.service-regions",
          "Region each service runs in, 'service=region' separated by ';'; changes in other"
              + " regions then rank lower (log subscriptions do not carry the region).",
          "",
          ValueParser.of(
              CorrelateOptions::serviceRegions, "'service=region' entries separated by ';'"));

  public static final ConfigKey<Map<String, Double>> KIND_PRIORS =
      ConfigKey.of(
          "correlate.kind-priors",
          "How likely each change kind is to break a service, 'kind=weight' in [0,1] separated"
              + " by ',', replacing the defaults of the kinds named.",
          "",
          ValueParser.of(
              CorrelateOptions::kindPriors,
              "'kind=weight' entries separated by ',', kinds deploy, configuration, scaling, iam,"
                  + " network, data, delete, other"));

  public static final List<ConfigKey<?>> ALL =
      List.of(
          ENABLED,
          HORIZON,
          AFTER_START,
          LATE_WAIT,
          JOIN_WINDOW,
          HALF_LIFE,
          MAX_CHANGES_PER_ACCOUNT,
          MAX_SUSPECTS,
          MIN_SUSPECT_SCORE,
          SHARED_ACCOUNTS,
          SERVICE_RESOURCES,
          SERVICE_REGIONS,
          KIND_PRIORS);

  private CorrelateOptions() {}

  /** The correlation settings the configuration describes. */
  public static CorrelateSettings settings(LogpulseConfig config) {
    Map<String, Double> priors = new LinkedHashMap<>(CorrelateSettings.DEFAULT_KIND_PRIORS);
    priors.putAll(config.get(KIND_PRIORS));
    return new CorrelateSettings(
        config.get(HORIZON),
        config.get(AFTER_START),
        config.get(LATE_WAIT),
        config.get(JOIN_WINDOW),
        config.get(HALF_LIFE),
        config.get(MAX_CHANGES_PER_ACCOUNT),
        config.get(MAX_SUSPECTS),
        config.get(MIN_SUSPECT_SCORE),
        config.get(SHARED_ACCOUNTS),
        config.get(SERVICE_RESOURCES),
        config.get(SERVICE_REGIONS),
        priors);
  }

  private static ValueParser<Duration> positive() {
    ValueParser<Duration> duration = ValueParser.duration();
    return ValueParser.of(
        text -> {
          Duration d = duration.parse(text);
          if (d.isZero()) {
            throw new IllegalArgumentException("zero");
          }
          return d;
        },
        "a positive " + duration.accepted().replaceFirst("^a ", ""));
  }

  private static Set<String> accounts(String text) {
    Set<String> accounts = new LinkedHashSet<>();
    for (String account : items(text, ",")) {
      if (!ACCOUNT.matcher(account).matches()) {
        throw new IllegalArgumentException("'" + account + "' is not a 12-digit account id");
      }
      accounts.add(account);
    }
    return Set.copyOf(accounts);
  }

  private static Map<String, List<String>> serviceResources(String text) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String entry : items(text, ";")) {
      String[] parts = pair(entry);
      List<String> patterns =
          Arrays.stream(parts[1].split("\\|")).map(String::trim).filter(p -> !p.isEmpty()).toList();
      if (patterns.isEmpty()) {
        throw new IllegalArgumentException("'" + entry + "' names no resource");
      }
      map.put(parts[0], patterns);
    }
    return Map.copyOf(map);
  }

  private static Map<String, String> serviceRegions(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : items(text, ";")) {
      String[] parts = pair(entry);
      map.put(parts[0], ValueParser.awsRegion().parse(parts[1]));
    }
    return Map.copyOf(map);
  }

  private static Map<String, Double> kindPriors(String text) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (String entry : items(text, ",")) {
      String[] parts = pair(entry);
      String kind = parts[0].toLowerCase(Locale.ROOT);
      if (!ChangeEvents.KINDS.contains(kind)) {
        throw new IllegalArgumentException("'" + parts[0] + "' is not a change kind");
      }
      double weight;
      try {
        weight = Double.parseDouble(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + parts[1] + "' is not a number");
      }
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException("weight " + parts[1] + " is not in [0,1]");
      }
      map.put(kind, weight);
    }
    return Map.copyOf(map);
  }

  private static List<String> items(String text, String separator) {
    return Arrays.stream(text.split(separator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String[] pair(String entry) {
    int eq = entry.indexOf('=');
    if (eq <= 0 || eq == entry.length() - 1) {
      throw new IllegalArgumentException("'" + entry + "' is not 'name=value'");
    }
    return new String[] {entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()};
  }
}
