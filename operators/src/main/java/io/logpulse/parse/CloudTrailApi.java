package io.logpulse.parse;

/** CloudTrail API names as people say them, for the lines logpulse writes for humans. */
public final class CloudTrailApi {

  private CloudTrailApi() {}

  /**
   * The API name without the version suffix some services log ({@code UpdateFunctionCode20150331v2}
   * → {@code UpdateFunctionCode}).
   */
  public static String baseName(String eventName) {
    return CloudTrailEvents.withoutVersionSuffix(eventName);
  }
}
