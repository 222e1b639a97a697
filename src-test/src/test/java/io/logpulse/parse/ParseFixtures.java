package io.logpulse.parse;

import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds log events the way the envelope decoder does, and parses them with default settings. */
final class ParseFixtures {
  static final String OWNER = "123456789012";
  static final String STREAM = "web/app/9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  static final String EVENT_ID = "37950273582393809218373509185273018492730194871230";

  /** 2024-01-15T10:00:00Z, the CloudWatch timestamp of every fixture event. */
  static final long EVENT_TIME = 1_705_312_800_000L;

  static final LogEventParser DEFAULT_PARSER = new LogEventParser(ParserSettings.defaults());

  private ParseFixtures() {}

  static LogEvent event(String logGroup, String message) {
    return LogEvent.newBuilder()
        .setOwner(OWNER)
        .setLogGroup(logGroup)
        .setLogStream(STREAM)
        .setId(EVENT_ID)
        .setTimestamp(EVENT_TIME)
        .setMessage(message)
        .build();
  }

  static ServiceEvent parse(String logGroup, String message) {
    return DEFAULT_PARSER.parse(event(logGroup, message));
  }

  /** A file under {@code fixtures/parse/} on the test classpath. */
  static String fixture(String name) {
    try (InputStream in = ParseFixtures.class.getResourceAsStream("/fixtures/parse/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
