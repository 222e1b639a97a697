package io.logpulse.aws;

import java.io.Serializable;
import java.time.Duration;

/**
 * What {@link AwsClients} needs to build a client of any service: where it connects, as whom, how
 * long an attempt may take, who retries and which wire protocol it speaks.
 *
 * @param region the region, or null for the SDK's default region chain ({@link
 *     AwsClients#LOCAL_REGION} with an endpoint override)
 * @param endpoint endpoint override such as {@code http://127.0.0.1:5000} for a local server, or
 *     null for the region's AWS endpoint
 * @param roleArn a role to assume (through the default credential chain) for another account's
 *     resources, or null for the default credential chain itself
 * @param requestTimeout how long one attempt may wait for its answer before both the SDK and the
 *     HTTP client's socket give it up, or null for no such limit (streaming calls)
 * @param sdkRetries the SDK's own retries, or null for the SDK's default strategy; {@link
 *     RetryPolicy#NONE} for a caller that retries itself
 * @param cbor whether a service that can speak CBOR (Kinesis) does; local servers such as moto need
 *     it off
 */
public record AwsClientSettings(
    String region,
    String endpoint,
    String roleArn,
    Duration requestTimeout,
    RetryPolicy sdkRetries,
    boolean cbor)
    implements Serializable {

  /** A client of a service that speaks no CBOR, with the default credential chain: the sinks'. */
  public static AwsClientSettings of(
      String region, String endpoint, Duration requestTimeout, RetryPolicy sdkRetries) {
    return new AwsClientSettings(region, endpoint, null, requestTimeout, sdkRetries, true);
  }
}
