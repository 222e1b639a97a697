package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class LogEventParserTest {
  @Test
  void copiesTheEnvelopeFieldsAndKeepsTheWholeShortMessage() {
    String message = "{\"level\":\"info\"}";
    ServiceEvent e = ParseFixtures.parse("/ecs/web", message);
    assertThat(e.getAccount()).isEqualTo(ParseFixtures.OWNER);
    assertThat(e.getLogGroup()).isEqualTo("/ecs/web");
    assertThat(e.getLogStream()).isEqualTo(ParseFixtures.STREAM);
    assertThat(e.getEventId()).isEqualTo(ParseFixtures.EVENT_ID);
    assertThat(e.getEventTime()).isEqualTo(ParseFixtures.EVENT_TIME);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void eventWithNullFieldsGivesAnEmptyTextEvent() {
    ServiceEvent e = ParseFixtures.DEFAULT_PARSER.parse(new LogEvent());
    assertThat(e.getFormat()).isEqualTo("text");
    assertThat(e.getMessage()).isEmpty();
    assertThat(e.getAccount()).isEmpty();
    assertThat(e.getLogGroup()).isEmpty();
    assertThat(e.getService()).isEqualTo(ServiceNameResolver.UNKNOWN);
    assertThat(e.getResources()).isEmpty();
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsItToTaskManagers()
      throws IOException, ClassNotFoundException {
    LogEventParser original =
        new LogEventParser(
            ParserSettings.defaults()
                .withServiceRules("^/team/(\\w+)/=>team-${1}")
                .withErrorStatusThreshold(400));
    original.parse(event("/team/search/app", "warm the cache"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    LogEventParser copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (LogEventParser) in.readObject();
    }

    ServiceEvent e = copy.parse(event("/team/search/app", "{\"status\":404}"));
    assertThat(e.getService()).isEqualTo("team-search");
    assertThat(e.getError()).isTrue();
  }
}
