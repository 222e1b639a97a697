package io.logpulse.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.parse.LogEventParser;
import io.logpulse.parse.ParserSettings;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import io.logpulse.testing.ServiceEvents;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** CloudTrail events leave the service events: changes to the side output, the rest nowhere. */
class CloudTrailRouterTest {

  private static final long T = 1_767_225_600_000L;
  private static final LogEventParser PARSER = new LogEventParser(ParserSettings.defaults());

  private static ServiceEvent trail(String eventName, boolean readOnly) {
    String message =
        "{\"eventVersion\":\"1.09\",\"eventTime\":\"2026-01-01T00:00:00Z\","
            + "\"eventSource\":\"lambda.amazonaws.com\",\"eventName\":\""
            + eventName
            + "\",\"awsRegion\":\"eu-west-1\",\"requestParameters\":{\"functionName\":\"payments-fn\"},"
            + "\"eventID\":\"e-"
            + eventName
            + "\",\"readOnly\":"
            + readOnly
            + ",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"222222222222\"}";
    return PARSER.parse(
        new LogEvent(
            "123456789012", "aws-cloudtrail-logs", "trail", "id-" + eventName, T, message));
  }

  @Test
  void changesGoToTheSideOutputAndOtherCloudTrailEventsNowhere() throws Exception {
    try (OneInputStreamOperatorTestHarness<ServiceEvent, ServiceEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new CloudTrailRouter())) {
      ServiceEvent request = ServiceEvents.request("checkout", T, 12);
      harness.processElement(new StreamRecord<>(request, T));
      harness.processElement(new StreamRecord<>(trail("UpdateFunctionCode20150331v2", false), T));
      harness.processElement(new StreamRecord<>(trail("GetFunction20150331v2", true), T));

      assertThat(harness.extractOutputValues()).containsExactly(request);
      List<ChangeEvent> changes =
          harness.getSideOutput(CloudTrailRouter.CHANGES).stream()
              .map(StreamRecord::getValue)
              .collect(Collectors.toList());
      assertThat(changes)
          .extracting(ChangeEvent::getChangeId)
          .containsExactly("e-UpdateFunctionCode20150331v2");
      assertThat(changes.get(0).getAccount()).isEqualTo("222222222222");
      assertThat(changes.get(0).getResources()).contains("payments-fn");
    }
  }
}
