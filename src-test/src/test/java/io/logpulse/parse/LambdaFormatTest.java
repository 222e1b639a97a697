package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import org.junit.jupiter.api.Test;

class LambdaFormatTest {
  private static final String GROUP = "/aws/lambda/checkout-fn";
  private static final String ID = "3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8";
  private static final long TIME = 1_705_312_800_000L;

  @Test
  void startLineIsPlatformInfoButNotARequest() {
    ServiceEvent e = parse(GROUP, "START RequestId: " + ID + " Version: $LATEST\n");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getLevel()).isEqualTo("INFO");
    assertThat(e.getRequest()).isFalse();
    assertThat(e.getError()).isFalse();
    assertThat(e.getService()).isEqualTo("checkout-fn");
  }

  @Test
  void endLineIsNotARequest() {
    ServiceEvent e = parse(GROUP, "END RequestId: " + ID + "\n");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getRequest()).isFalse();
  }

  @Test
  void reportLineIsTheInvocationWithDurationAndMemory() {
    ServiceEvent e =
        parse(
            GROUP,
            "REPORT RequestId: "
                + ID
                + "\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\t\n");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getLatencyMs()).isEqualTo(12.34);
    assertThat(e.getMemoryUsedMb()).isEqualTo(64);
    assertThat(e.getColdStart()).isFalse();
    assertThat(e.getInitDurationMs()).isNull();
    assertThat(e.getError()).isFalse();
    assertThat(e.getLevel()).isEqualTo("INFO");
    assertThat(e.getOperation()).isNull();
  }

  @Test
  void initDurationMarksAColdStartEvenWithSpacesInsteadOfTabs() {
    ServiceEvent e =
        parse(
            GROUP,
            "REPORT RequestId: "
                + ID
                + " Duration: 250.10 ms Billed Duration: 251 ms Memory Size: 512 MB"
                + " Max Memory Used: 90 MB Init Duration: 150.00 ms");
    assertThat(e.getLatencyMs()).isEqualTo(250.10);
    assertThat(e.getColdStart()).isTrue();
    assertThat(e.getInitDurationMs()).isEqualTo(150.0);
    assertThat(e.getMemoryUsedMb()).isEqualTo(90);
  }

  @Test
  void reportWithTimeoutStatusIsAnErroredRequest() {
    ServiceEvent e =
        parse(
            GROUP,
            "REPORT RequestId: "
                + ID
                + "\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tStatus: timeout");
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isTrue();
    assertThat(e.getLevel()).isEqualTo("ERROR");
  }

  @Test
  void reportWithErrorTypeIsAnError() {
    ServiceEvent e =
        parse(
            GROUP,
            "REPORT RequestId: "
                + ID
                + "\tDuration: 40.00 ms\tBilled Duration: 40 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB"
                + "\tStatus: error\tError Type: Runtime.OutOfMemory");
    assertThat(e.getError()).isTrue();
  }

  @Test
  void lambdaFailuresCanBeExcludedFromErrors() {
    LogEventParser parser =
        new LogEventParser(ParserSettings.defaults().withLambdaFailuresAreErrors(false));
    ServiceEvent report =
        parser.parse(
            ParseFixtures.event(
                GROUP, "REPORT RequestId: " + ID + "\tDuration: 3000.00 ms\tStatus: timeout"));
    ServiceEvent timeout =
        parser.parse(
            ParseFixtures.event(
                GROUP, "2024-01-15T10:00:03.000Z " + ID + " Task timed out after 3.00 seconds"));
    assertThat(report.getError()).isFalse();
    assertThat(timeout.getError()).isFalse();
    assertThat(timeout.getLevel()).isEqualTo("ERROR");
  }

  @Test
  void taskTimedOutLineIsAnErrorButNotARequest() {
    ServiceEvent e =
        parse(GROUP, "2024-01-15T10:00:03.000Z " + ID + " Task timed out after 3.00 seconds\n");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getTimestamp()).isEqualTo(TIME + 3000);
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getError()).isTrue();
    assertThat(e.getRequest()).isFalse();
  }

  @Test
  void nodeRuntimeApplicationLine() {
    ServiceEvent e =
        parse(
            GROUP,
            "2024-01-15T10:00:00.000Z\t"
                + ID
                + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"x is undefined\"}");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getError()).isTrue();
    assertThat(e.getRequest()).isFalse();
  }

  @Test
  void runtimeLineWithoutALevelKeepsLevelEmpty() {
    ServiceEvent e = parse(GROUP, "2024-01-15T10:00:00.000Z\t" + ID + "\tprocessing order 42");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getLevel()).isNull();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void pythonRuntimeApplicationLine() {
    ServiceEvent e =
        parse(GROUP, "[WARNING]\t2024-01-15T10:00:00.000Z\t" + ID + "\tretrying payment call\n");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getLevel()).isEqualTo("WARN");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getError()).isFalse();
  }

  @Test
  void initStartLineIsLambdaFormat() {
    ServiceEvent e =
        parse(
            GROUP,
            "INIT_START Runtime Version: nodejs:20.v13\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:0123abcd");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getRequest()).isFalse();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void snapStartRestoreDurationMarksAColdStart() {
    ServiceEvent e =
        parse(
            GROUP,
            "REPORT RequestId: "
                + ID
                + "\tDuration: 80.00 ms\tBilled Duration: 400 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 120 MB\tRestore Duration: 310.50 ms\tBilled Restore Duration: 300 ms");
    assertThat(e.getColdStart()).isTrue();
    assertThat(e.getInitDurationMs()).isEqualTo(310.5);
    assertThat(e.getLatencyMs()).isEqualTo(80.0);
  }

  @Test
  void initReportWithTimeoutIsALambdaFailureButNotARequest() {
    ServiceEvent e =
        parse(GROUP, "INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getError()).isTrue();
    assertThat(e.getRequest()).isFalse();
    assertThat(e.getLatencyMs()).isNull();
  }

  @Test
  void jsonApplicationLogInALambdaLogGroup() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"timestamp\":\"2024-01-15T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"card declined\","
                + "\"requestId\":\""
                + ID
                + "\"}");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getError()).isTrue();
    assertThat(e.getRequest()).isFalse();
  }

  @Test
  void sameJsonLineOutsideLambdaIsJson() {
    ServiceEvent e = parse("/ecs/orders", "{\"level\":\"INFO\",\"requestId\":\"r-1\"}");
    assertThat(e.getFormat()).isEqualTo("json");
  }

  @Test
  void lambdaLogStreamMarksJsonApplicationLogsInACustomLogGroup() {
    LogEvent event =
        LogEvent.newBuilder(
                ParseFixtures.event(
                    "/shared/functions", "{\"level\":\"INFO\",\"requestId\":\"r-1\"}"))
            .setLogStream("2024/01/15/[$LATEST]0123456789abcdef0123456789abcdef")
            .build();
    ServiceEvent e = ParseFixtures.DEFAULT_PARSER.parse(event);
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getRequestId()).isEqualTo("r-1");
  }

  @Test
  void jsonPlatformReportWithColdStart() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"time\":\"2024-01-15T10:00:00.000Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\""
                + ID
                + "\",\"metrics\":{\"durationMs\":12.5,\"billedDurationMs\":13,\"memorySizeMB\":128,"
                + "\"maxMemoryUsedMB\":64,\"initDurationMs\":150.2},\"status\":\"success\"}}");
    assertThat(e.getFormat()).isEqualTo("lambda");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getRequestId()).isEqualTo(ID);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getLatencyMs()).isEqualTo(12.5);
    assertThat(e.getColdStart()).isTrue();
    assertThat(e.getInitDurationMs()).isEqualTo(150.2);
    assertThat(e.getMemoryUsedMb()).isEqualTo(64);
    assertThat(e.getError()).isFalse();
    assertThat(e.getLevel()).isEqualTo("INFO");
  }

  @Test
  void jsonPlatformReportWithTimeoutStatusIsAnError() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"time\":\"2024-01-15T10:00:03.000Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\""
                + ID
                + "\",\"metrics\":{\"durationMs\":3000.0},\"status\":\"timeout\"}}");
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isTrue();
    assertThat(e.getColdStart()).isFalse();
  }

  @Test
  void jsonPlatformStartAndRuntimeDoneAreNotRequests() {
    ServiceEvent start =
        parse(
            GROUP,
            "{\"time\":\"2024-01-15T10:00:00.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":\""
                + ID
                + "\",\"version\":\"$LATEST\"}}");
    ServiceEvent failed =
        parse(
            GROUP,
            "{\"time\":\"2024-01-15T10:00:00.000Z\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\""
                + ID
                + "\",\"status\":\"failure\",\"errorType\":\"Runtime.ExitError\"}}");
    assertThat(start.getFormat()).isEqualTo("lambda");
    assertThat(start.getRequestId()).isEqualTo(ID);
    assertThat(start.getRequest()).isFalse();
    assertThat(start.getError()).isFalse();
    assertThat(failed.getRequest()).isFalse();
    assertThat(failed.getError()).isTrue();
  }
}
