package io.logpulse.correlate;

/** Short names of principals and resources for the one-line explanations of suspects. */
final class ChangeNames {

  private static final int MAX_LENGTH = 80;

  private ChangeNames() {}

  /**
   * {@code role/deployer} for an assumed role or a role ARN, {@code user/alice} for a user, {@code
   * root}, or the principal as it is (an AWS service host, say); {@code unknown} for none.
   */
  static String principal(String principal) {
    if (principal == null || principal.isEmpty()) {
      return "unknown";
    }
    if (!principal.startsWith("arn:")) {
      return cut(principal);
    }
    String resource = arnResource(principal);
    if (resource.startsWith("assumed-role/")) {
      String rest = resource.substring("assumed-role/".length());
      int slash = rest.indexOf('/');
      return cut("role/" + (slash < 0 ? rest : rest.substring(0, slash)));
    }
    return cut(resource);
  }

  /**
   * The resource's name: an ARN's resource part without its type ({@code function:payments-fn} →
   * {@code payments-fn}, {@code service/shop/checkout} → {@code shop/checkout}); other names as
   * they are.
   */
  static String resource(String resource) {
    if (resource == null || resource.isEmpty()) {
      return "?";
    }
    if (!resource.startsWith("arn:")) {
      return cut(resource);
    }
    String part = arnResource(resource);
    int cut = indexOfSeparator(part);
    return cut(cut > 0 && cut < part.length() - 1 ? part.substring(cut + 1) : part);
  }

  /** The part of an ARN after {@code arn:partition:service:region:account:}. */
  private static String arnResource(String arn) {
    int colons = 0;
    for (int i = 0; i < arn.length(); i++) {
      if (arn.charAt(i) == ':' && ++colons == 5) {
        return arn.substring(i + 1);
      }
    }
    return arn;
  }

  private static int indexOfSeparator(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == ':' || c == '/') {
        return i;
      }
    }
    return -1;
  }

  private static String cut(String s) {
    return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 1) + "…";
  }
}
