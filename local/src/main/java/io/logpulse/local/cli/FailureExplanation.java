package io.logpulse.local.cli;

import io.logpulse.config.CloudWatchOptions;
import io.logpulse.config.ConfigKey;
import io.logpulse.config.EventBridgeOptions;
import io.logpulse.config.JobOptions;
import io.logpulse.config.KinesisOptions;
import io.logpulse.local.LocalOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.util.SerializedThrowable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Why a command failed, in plain words: the root cause (the deepest cause's message, after the
 * nearest message logpulse itself wrote on the way, such as "cannot list the shards of [s]") and,
 * for the causes people meet most, what to do about it, naming the configuration key involved.
 *
 * <p>A failed Flink job surfaces as a {@code JobExecutionException} whose own message says nothing
 * ("Job execution failed."); the useful part is several causes deep, and in a MiniCluster it may
 * have crossed a serialization boundary as a {@link SerializedThrowable}, so causes are recognised
 * by class name, AWS error code and message, not only by type.
 *
 * <p>Known causes: AWS credentials missing, rejected or expired; no AWS region; access denied; a
 * stream, event bus or bucket that does not exist; an endpoint nothing answers on (connection
 * refused, unknown host, timeout); the web UI port taken; the JVM out of memory; a missing file.
 */
public record FailureExplanation(String cause, String hint) {

  /** Longest root-cause message printed; the SDK's credential chain message runs to a kilobyte. */
  static final int MAX_CAUSE_CHARS = 400;

  static final String CREDENTIALS_HINT =
      "set AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) or AWS_PROFILE";

  private static final Set<String> REJECTED_CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "InvalidAccessKeyId",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature");

  private static final Set<String> EXPIRED_CREDENTIALS =
      Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");

  private static final Set<String> UNREACHABLE =
      Set.of(
          "ConnectException",
          "HttpHostConnectException",
          "UnknownHostException",
          "NoRouteToHostException",
          "SocketTimeoutException",
          "ConnectTimeoutException");

  private static final Pattern ACTION = Pattern.compile("not authorized to perform:? ([\\w:*-]+)");

  private static final List<ConfigKey<String>> ENDPOINTS =
      List.of(
          KinesisOptions.ENDPOINT,
          CloudWatchOptions.ENDPOINT,
          EventBridgeOptions.ENDPOINT,
          LocalOptions.S3_ENDPOINT);

  /** One cause in the chain, by name, since its class may be lost to serialization. */
  private record Link(
      String className, String simpleName, String message, String errorCode, boolean ours) {
    boolean is(Set<String> names) {
      return names.contains(simpleName) || (errorCode != null && names.contains(errorCode));
    }

    boolean says(String text) {
      return message.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    String describe() {
      return message.isEmpty() ? simpleName : message + " (" + simpleName + ")";
    }
  }

  /**
   * Explains {@code failure}.
   *
   * @param settings the configuration values set explicitly (empty when the configuration was not
   *     read); they name the key behind an endpoint, stream or file in the causes
   */
  public static FailureExplanation of(Throwable failure, Map<String, String> settings) {
    List<Link> chain = chain(failure);
    Link root = chain.get(chain.size() - 1);
    String cause = cut(root.describe());
    for (int i = chain.size() - 2; i >= 0; i--) {
      Link link = chain.get(i);
      if (link.ours() && !link.message().isEmpty()) {
        cause = link.message() + ": " + cause;
        break;
      }
    }
    return new FailureExplanation(cause, hint(chain, settings));
  }

  /** The lines to print after {@code "<command> failed: "}: the cause, then the hint if any. */
  List<String> lines(String command) {
    List<String> lines = new ArrayList<>();
    lines.add("logpulse: " + command + " failed: " + cause);
    if (hint != null) {
      lines.add("logpulse: hint: " + hint);
    }
    return lines;
  }

  private static String hint(List<Link> chain, Map<String, String> settings) {
    for (Link link : chain) {
      if (link.says("Unable to load credentials")) {
        return CREDENTIALS_HINT;
      }
    }
    for (Link link : chain) {
      if (link.is(EXPIRED_CREDENTIALS)
          || link.says("security token included in the request is expired")) {
        return "the AWS credentials have expired: renew them (aws sso login, or new session"
            + " credentials), or "
            + CREDENTIALS_HINT;
      }
      if (link.is(REJECTED_CREDENTIALS)) {
        return "AWS rejected the credentials: check them, or " + CREDENTIALS_HINT;
      }
      if (link.says("Unable to load region")) {
        return "set AWS_REGION, or the region key of the service ("
            + String.join(
                ", ",
                KinesisOptions.REGION.name(),
                CloudWatchOptions.REGION.name(),
                EventBridgeOptions.REGION.name())
            + ")";
      }
      if (link.simpleName().startsWith("AccessDenied")
          || (link.errorCode() != null && link.errorCode().startsWith("AccessDenied"))
          || link.says("not authorized to perform")) {
        Matcher action = ACTION.matcher(link.message());
        return "the role/credentials lack permission"
            + (action.find() ? " for " + action.group(1) : "")
            + ": grant it in the IAM policy of the user or role (or of the role in "
            + KinesisOptions.ROLE_ARN.name()
            + ")";
      }
      if (link.is(Set.of("ResourceNotFoundException", "NoSuchBucket"))) {
        return notFound(link, settings);
      }
    }
    for (Link link : chain) {
      if (link.is(UNREACHABLE) || link.says("Connection refused")) {
        return unreachable(chain, settings);
      }
      if (link.simpleName().equals("BindException") || link.says("Address already in use")) {
        return "a port is taken: check "
            + LocalOptions.WEB_UI_PORT.name()
            + " (another logpulse or Flink may hold it; 0 picks a free port)";
      }
      if (link.simpleName().equals("OutOfMemoryError")) {
        return "give the JVM more memory, e.g. LOGPULSE_JAVA_OPTS=-Xmx4g";
      }
      if (link.is(Set.of("NoSuchFileException", "FileNotFoundException"))) {
        List<String> keys = keysMentioned(chain, settings);
        return "no such file or folder"
            + (keys.isEmpty() ? "" : ": check " + String.join(", ", keys));
      }
    }
    return null;
  }

  private static String notFound(Link link, Map<String, String> settings) {
    String where = link.className() + " " + link.message();
    if (where.contains(".kinesis.")
        || where.contains("Service: Kinesis")
        || where.contains("Stream ")) {
      return "the stream "
          + value(KinesisOptions.STREAMS, settings)
          + " ("
          + KinesisOptions.STREAMS.name()
          + ") does not exist in region "
          + value(KinesisOptions.REGION, settings)
          + " ("
          + KinesisOptions.REGION.name()
          + ") for these credentials: create it, or correct the name or region";
    }
    if (where.contains(".eventbridge.")
        || where.contains("Service: EventBridge")
        || where.contains("bus")) {
      return "the event bus "
          + value(EventBridgeOptions.BUS, settings)
          + " ("
          + EventBridgeOptions.BUS.name()
          + ") does not exist: create it, or correct "
          + EventBridgeOptions.BUS.name()
          + " or "
          + EventBridgeOptions.REGION.name();
    }
    if (link.is(Set.of("NoSuchBucket"))) {
      return "the S3 bucket of "
          + JobOptions.OUTPUT_PATH.name()
          + " ("
          + value(JobOptions.OUTPUT_PATH, settings)
          + ") does not exist: create it, or correct the path";
    }
    return "a resource the job uses does not exist: check the names and regions in the"
        + " configuration";
  }

  private static String unreachable(List<Link> chain, Map<String, String> settings) {
    List<String> set = new ArrayList<>();
    for (ConfigKey<String> key : ENDPOINTS) {
      String endpoint = settings.get(key.name());
      if (endpoint == null) {
        continue;
      }
      String authority = authority(endpoint);
      for (Link link : chain) {
        if (link.message().contains(endpoint)
            || (authority != null && link.message().contains(authority))) {
          return "nothing answers at " + endpoint + ": check " + key.name();
        }
      }
      set.add(key.name() + " (" + endpoint + ")");
    }
    return set.isEmpty()
        ? "check the network connection to AWS and the region keys"
        : "cannot connect: check " + String.join(", ", set);
  }

  /** Keys whose value appears in a cause's message, such as the path of a missing file. */
  private static List<String> keysMentioned(List<Link> chain, Map<String, String> settings) {
    List<String> keys = new ArrayList<>();
    settings.forEach(
        (key, value) -> {
          if (value.length() >= 2
              && chain.stream().anyMatch(link -> link.message().contains(value.trim()))) {
            keys.add(key);
          }
        });
    Collections.sort(keys);
    return keys;
  }

  private static String value(ConfigKey<?> key, Map<String, String> settings) {
    String value = settings.getOrDefault(key.name(), key.defaultValue());
    return value == null ? "(not set)" : value;
  }

  /** {@code host:port} of an endpoint URL, or null when it is not one. */
  private static String authority(String endpoint) {
    try {
      URI uri = URI.create(endpoint.trim());
      return uri.getHost() == null
          ? null
          : uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<Link> chain(Throwable failure) {
    List<Link> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(link(t));
    }
    return chain;
  }

  private static Link link(Throwable t) {
    String className =
        t instanceof SerializedThrowable serialized
            ? serialized.getOriginalErrorClassName()
            : t.getClass().getName();
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    simpleName = simpleName.substring(simpleName.lastIndexOf('$') + 1);
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    String prefix = className + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    String errorCode =
        t instanceof AwsServiceException aws && aws.awsErrorDetails() != null
            ? aws.awsErrorDetails().errorCode()
            : null;
    StackTraceElement[] frames = t.getStackTrace();
    // Flink's wrappers say nothing of the cause, wherever they were created.
    boolean ours =
        frames.length > 0
            && frames[0].getClassName().startsWith("io.logpulse.")
            && !className.startsWith("org.apache.flink.");
    return new Link(className, simpleName, message, errorCode, ours);
  }

  private static String cut(String text) {
    return text.length() <= MAX_CAUSE_CHARS ? text : text.substring(0, MAX_CAUSE_CHARS) + "...";
  }
}
