package io.logpulse.common;

import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Points an AWS client at its configured endpoint and region, the same way for every sink: an
 * endpoint override for a local server, the configured region, and without one either the SDK's
 * default region chain or, with an endpoint override, {@link #LOCAL_REGION}.
 */
public final class AwsEndpoints {

  /** Region used with an endpoint override when none is configured (local servers ignore it). */
  public static final String LOCAL_REGION = "us-east-1";

  private AwsEndpoints() {}

  /**
   * Sets {@code endpoint} (null: the region's AWS endpoint) and {@code region} (null: see above).
   */
  public static <B extends AwsClientBuilder<B, ?>> B apply(
      B builder, String endpoint, String region) {
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    if (region != null) {
      builder.region(Region.of(region));
    } else if (endpoint != null) {
      builder.region(Region.of(LOCAL_REGION));
    }
    return builder;
  }
}
