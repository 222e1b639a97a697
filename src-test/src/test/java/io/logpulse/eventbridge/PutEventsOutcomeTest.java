package io.logpulse.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Which entries of an accepted PutEvents request are sent again: only those EventBridge failed with
 * a retryable code. moto never fails single entries that way, so this covers it on the response.
 */
class PutEventsOutcomeTest {

  private static List<IncidentEntry> entries(int n) {
    List<IncidentEntry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(new IncidentEntry("incident-" + i, 1, 0, "{}"));
    }
    return entries;
  }

  private static PutEventsResultEntry ok() {
    return PutEventsResultEntry.builder().eventId("id").build();
  }

  private static PutEventsResultEntry failed(String code) {
    return PutEventsResultEntry.builder().errorCode(code).errorMessage(code + " message").build();
  }

  @Test
  void noFailedEntriesMeansAllDelivered() {
    List<IncidentEntry> sent = entries(3);

    PutEventsOutcome outcome =
        PutEventsOutcome.of(
            sent,
            PutEventsResponse.builder().failedEntryCount(0).entries(ok(), ok(), ok()).build());

    assertThat(outcome.delivered()).isEqualTo(sent);
    assertThat(outcome.retry()).isEmpty();
    assertThat(outcome.rejected()).isEmpty();
  }

  @Test
  void onlyEntriesFailedWithARetryableCodeAreSentAgainInTheirOrder() {
    List<IncidentEntry> sent = entries(7);
    PutEventsResponse response =
        PutEventsResponse.builder()
            .failedEntryCount(4)
            .entries(
                ok(),
                failed("ThrottlingException"),
                ok(),
                failed("InternalFailure"),
                failed("MalformedDetail"),
                failed("InvalidArgument"),
                ok())
            .build();

    PutEventsOutcome outcome = PutEventsOutcome.of(sent, response);

    assertThat(outcome.delivered()).containsExactly(sent.get(0), sent.get(2), sent.get(6));
    assertThat(outcome.retry()).containsExactly(sent.get(1), sent.get(3));
    assertThat(outcome.rejected())
        .containsExactly(
            new PutEventsOutcome.Rejection(
                sent.get(4), "MalformedDetail", "MalformedDetail message"),
            new PutEventsOutcome.Rejection(
                sent.get(5), "InvalidArgument", "InvalidArgument message"));
  }

  @Test
  void resultsThatDoNotLineUpWithTheEntriesSendThemAllAgain() {
    List<IncidentEntry> sent = entries(3);

    PutEventsOutcome outcome =
        PutEventsOutcome.of(
            sent,
            PutEventsResponse.builder()
                .failedEntryCount(1)
                .entries(failed("ThrottlingException"))
                .build());

    assertThat(outcome.retry()).isEqualTo(sent);
    assertThat(outcome.delivered()).isEmpty();
    assertThat(outcome.rejected()).isEmpty();
  }
}
