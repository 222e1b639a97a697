package io.logpulse.eventbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * What became of each entry of an accepted PutEvents request. EventBridge answers one result per
 * entry, in request order; an entry with an error code failed while the others were delivered
 * ({@code FailedEntryCount > 0}). Entries failed with a code EventBridge documents as retryable
 * ({@value #INTERNAL_FAILURE}, {@value #THROTTLING}) are to be sent again, alone; entries failed
 * with any other code (invalid argument, malformed detail, not authorized for the source, ...)
 * would fail the same way again and are rejected.
 *
 * @param delivered entries EventBridge accepted
 * @param retry entries to send again
 * @param rejected entries EventBridge refused for good, with why
 */
public record PutEventsOutcome(
    List<IncidentEntry> delivered, List<IncidentEntry> retry, List<Rejection> rejected) {

  static final String INTERNAL_FAILURE = "InternalFailure";
  static final String THROTTLING = "ThrottlingException";
  private static final Set<String> RETRYABLE_CODES = Set.of(INTERNAL_FAILURE, THROTTLING);

  /** An entry EventBridge refused, with its error code and message. */
  public record Rejection(IncidentEntry entry, String errorCode, String errorMessage) {}

  /** Sorts the entries of a request by their results in {@code response}. */
  public static PutEventsOutcome of(List<IncidentEntry> sent, PutEventsResponse response) {
    Integer failed = response.failedEntryCount();
    if (failed == null || failed == 0) {
      return new PutEventsOutcome(sent, List.of(), List.of());
    }
    List<PutEventsResultEntry> results = response.entries();
    if (results.size() != sent.size()) {
      // Results that do not line up with the entries cannot tell which failed: send all again.
      return new PutEventsOutcome(List.of(), sent, List.of());
    }
    List<IncidentEntry> delivered = new ArrayList<>();
    List<IncidentEntry> retry = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      PutEventsResultEntry result = results.get(i);
      String code = result.errorCode();
      if (code == null) {
        delivered.add(sent.get(i));
      } else if (RETRYABLE_CODES.contains(code)) {
        retry.add(sent.get(i));
      } else {
        rejected.add(new Rejection(sent.get(i), code, result.errorMessage()));
      }
    }
    return new PutEventsOutcome(delivered, retry, rejected);
  }
}
