package io.logpulse.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

  @Test
  void aJsonLineIsMinedByItsMessageAndStackTrace() {
    String line =
        "{\"timestamp\":\"2026-11-21T10:00:00.000Z\",\"level\":\"ERROR\",\"ctx\":{\"a\":[1,2]},"
            + "\"message\":\"Request failed: GET /api/carts/17\",\"request_id\":\"r-1\","
            + "\"stack_trace\":\"java.net.SocketTimeoutException: Read timed out\\n\\tat a.B.c\"}";
    assertThat(ErrorText.of(line))
        .isEqualTo(
            "Request failed: GET /api/carts/17\njava.net.SocketTimeoutException: Read timed out\n"
                + "\tat a.B.c");
  }

  @Test
  void lambdaErrorsUseErrorMessageAndErrorType() {
    assertThat(
            ErrorText.of(
                "{\"errorType\":\"Runtime.ImportModuleError\",\"errorMessage\":\"Cannot find"
                    + " module 'index'\"}"))
        .isEqualTo("Cannot find module 'index'\nRuntime.ImportModuleError");
  }

  @Test
  void anythingElseIsMinedAsItIs() {
    String text = "2026-11-21 ERROR stock sync failed {\"message\":\"x\"}";
    assertThat(ErrorText.of(text)).isEqualTo(text);
    assertThat(ErrorText.of("{\"level\":\"ERROR\"}")).isEqualTo("{\"level\":\"ERROR\"}");
    assertThat(ErrorText.of("{\"message\":\"cut short\",\"stack")).isEqualTo("cut short");
    assertThat(ErrorText.of("   ")).isEqualTo("   ");
  }
}
