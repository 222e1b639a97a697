package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ServiceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextLogParserTest {
  private static final String GROUP = "/app/billing";

  @Test
  void logbackLineWithTimestampAndLevel() {
    ServiceEvent e =
        parse(GROUP, "2024-01-15 10:00:00.123 ERROR [main] c.e.Billing - charge failed");
    assertThat(e.getFormat()).isEqualTo("text");
    assertThat(e.getTimestamp()).isEqualTo(1_705_312_800_123L);
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getError()).isTrue();
    assertThat(e.getRequest()).isFalse();
    assertThat(e.getService()).isEqualTo("billing");
    assertThat(e.getStatus()).isNull();
    assertThat(e.getMethod()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-15T10:00:00Z WARN disk at 91%|WARN",
        "[error] upstream timed out|ERROR",
        "[2024-01-15T10:00:00Z INFO  billing] started|INFO",
        "ERROR:root:payment provider unreachable|ERROR",
        "time=2024-01-15T10:00:00Z level=warning msg=\"slow query\"|WARN",
        "time=2024-01-15T10:00:00Z lvl=\"debug\" msg=x|DEBUG",
        "Jan 15 10:00:00 host app[123]: CRITICAL out of memory|FATAL",
        "<SEVERE> connection pool exhausted|ERROR",
        "2024-01-15 10:00:00,123 - worker - TRACE - tick|TRACE",
      })
  void findsTheLevelNearTheStart(String message, String level) {
    assertThat(parse(GROUP, message).getLevel()).isEqualTo(level);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no error found while checking",
        "user info updated",
        "one two three four five six ERROR too late",
      })
  void ignoresLevelWordsInProseOrBeyondTheSixthToken(String message) {
    ServiceEvent e = parse(GROUP, message);
    assertThat(e.getLevel()).isNull();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void javaStackTraceWithoutLevelIsAnError() {
    ServiceEvent e =
        parse(
            GROUP,
            "java.lang.IllegalStateException: ledger closed\n\tat com.example.Ledger.post(Ledger.java:42)\n"
                + "\tat com.example.Billing.run(Billing.java:7)");
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getError()).isTrue();
  }

  @Test
  void pythonTracebackWithoutLevelIsAnError() {
    ServiceEvent e =
        parse(
            GROUP,
            "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n"
                + "ZeroDivisionError: division by zero");
    assertThat(e.getLevel()).isEqualTo("ERROR");
  }

  @Test
  void nodeStackTraceWithoutLevelIsAnError() {
    ServiceEvent e =
        parse(GROUP, "TypeError: x is undefined\n    at handler (/var/task/index.js:3:9)");
    assertThat(e.getLevel()).isEqualTo("ERROR");
  }

  @Test
  void stackTraceKeepsAnExplicitLevel() {
    ServiceEvent e =
        parse(GROUP, "WARN retrying\njava.io.IOException: reset\n\tat x.Y.z(Y.java:1)");
    assertThat(e.getLevel()).isEqualTo("WARN");
    assertThat(e.getError()).isFalse();
  }

  @Test
  void singleLineMentioningExceptionIsNotAStackTrace() {
    assertThat(parse(GROUP, "retry policy handles Exception types").getLevel()).isNull();
  }

  @Test
  void emptyAndBlankMessagesAreText() {
    for (String message : new String[] {"", "   ", "\n\t"}) {
      ServiceEvent e = parse(GROUP, message);
      assertThat(e.getFormat()).isEqualTo("text");
      assertThat(e.getLevel()).isNull();
      assertThat(e.getTimestamp()).isNull();
      assertThat(e.getMessage()).isEqualTo(message);
    }
  }

  @Test
  void invalidLeadingDateIsNotATimestamp() {
    assertThat(parse(GROUP, "2024-13-45 10:00:00 INFO x").getTimestamp()).isNull();
    assertThat(parse(GROUP, "2024-13-45 10:00:00 INFO x").getLevel()).isEqualTo("INFO");
  }
}
