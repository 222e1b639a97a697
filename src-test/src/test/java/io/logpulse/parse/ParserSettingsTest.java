package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.schema.ServiceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserSettingsTest {
  @Test
  void defaults() {
    ParserSettings s = ParserSettings.defaults();
    assertThat(s.errorLevels()).containsExactlyInAnyOrder("ERROR", "FATAL");
    assertThat(s.errorStatusThreshold()).isEqualTo(500);
    assertThat(s.lambdaFailuresAreErrors()).isTrue();
    assertThat(s.maxMessageLength()).isEqualTo(4096);
    assertThat(s.operations()).isTrue();
    assertThat(s.serviceRules()).isEmpty();
    assertThat(s.defaultServiceRules()).isTrue();
    assertThat(s.serviceCacheSize()).isEqualTo(10_000);
    assertThat(s.changeKindRules()).isEmpty();
  }

  @Test
  void withersReturnChangedCopiesAndLeaveTheOriginalAlone() {
    ParserSettings base = ParserSettings.defaults();
    ParserSettings changed = base.withErrorStatusThreshold(400).withOperations(false);
    assertThat(changed.errorStatusThreshold()).isEqualTo(400);
    assertThat(changed.operations()).isFalse();
    assertThat(base.errorStatusThreshold()).isEqualTo(500);
    assertThat(base.operations()).isTrue();
  }

  @Test
  void errorLevelsAreNormalized() {
    ParserSettings s = ParserSettings.defaults().withErrorLevels(List.of("warning", "Critical"));
    assertThat(s.errorLevels()).containsExactlyInAnyOrder("WARN", "FATAL");
  }

  @Test
  void invalidValuesAreRejectedNamingTheSetting() {
    ParserSettings s = ParserSettings.defaults();
    assertThatThrownBy(() -> s.withErrorLevels(List.of("ERROR", "LOUD")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error level 'LOUD'");
    assertThatThrownBy(() -> s.withErrorStatusThreshold(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error status threshold");
    assertThatThrownBy(() -> s.withMaxMessageLength(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max message length");
    assertThatThrownBy(() -> s.withServiceCacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service cache size");
    assertThatThrownBy(() -> s.withServiceRules("no arrow here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service rule #1");
    assertThatThrownBy(() -> s.withChangeKindRules("UpdateService=rollout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("change-kind rule #1");
  }

  @Test
  void statusThresholdDecidesWhichRequestsAreErrors() {
    LogEventParser strict =
        new LogEventParser(ParserSettings.defaults().withErrorStatusThreshold(400));
    ServiceEvent notFound = strict.parse(event("/ecs/web", "{\"status\":404}"));
    ServiceEvent notFoundByDefault = ParseFixtures.parse("/ecs/web", "{\"status\":404}");
    assertThat(notFound.getError()).isTrue();
    assertThat(notFoundByDefault.getError()).isFalse();
  }

  @Test
  void errorLevelsDecideWhichLevelsAreErrors() {
    LogEventParser warnIsError =
        new LogEventParser(ParserSettings.defaults().withErrorLevels(List.of("WARN", "ERROR")));
    assertThat(warnIsError.parse(event("/ecs/web", "{\"level\":\"warn\"}")).getError()).isTrue();
    assertThat(warnIsError.parse(event("/ecs/web", "{\"level\":\"fatal\"}")).getError()).isFalse();
  }

  @Test
  void messageIsCutToTheMaximumLengthWithoutSplittingASurrogatePair() {
    LogEventParser parser = new LogEventParser(ParserSettings.defaults().withMaxMessageLength(5));
    assertThat(parser.parse(event("/ecs/web", "0123456789")).getMessage()).isEqualTo("01234");
    assertThat(parser.parse(event("/ecs/web", "0123\uD83D\uDE00")).getMessage()).isEqualTo("0123");
    assertThat(parser.parse(event("/ecs/web", "short")).getMessage()).isEqualTo("short");
  }

  @Test
  void longJsonMessageIsStillParsedBeforeBeingCut() {
    LogEventParser parser = new LogEventParser(ParserSettings.defaults().withMaxMessageLength(10));
    ServiceEvent e =
        parser.parse(event("/ecs/web", "{\"pad\":\"" + "x".repeat(100) + "\",\"status\":503}"));
    assertThat(e.getStatus()).isEqualTo(503);
    assertThat(e.getMessage()).hasSize(10);
  }

  @Test
  void operationsCanBeTurnedOff() {
    LogEventParser parser = new LogEventParser(ParserSettings.defaults().withOperations(false));
    ServiceEvent e = parser.parse(event("/ecs/web", "{\"method\":\"GET\",\"path\":\"/a/1\"}"));
    assertThat(e.getOperation()).isNull();
    assertThat(e.getPath()).isEqualTo("/a/1");
  }

  @Test
  void customServiceRulesReachTheParserAndJsonServiceFieldStillWins() {
    LogEventParser parser =
        new LogEventParser(ParserSettings.defaults().withServiceRules("^/team/(\\w+)/=>team-${1}"));
    assertThat(parser.parse(event("/team/search/app", "hello")).getService())
        .isEqualTo("team-search");
    assertThat(parser.parse(event("/team/search/app", "{\"service\":\"ranker\"}")).getService())
        .isEqualTo("ranker");
  }
}
