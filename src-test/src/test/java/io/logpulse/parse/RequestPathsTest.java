package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPathsTest {
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/users/123|GET /users/{id}",
        "GET|/users/0f8fad5b-d9cb-469f-a165-70867728950e/orders|GET /users/{id}/orders",
        "GET|/blobs/deadbeef01|GET /blobs/{id}",
        "GET|/sessions/a1B2c3D4e5F6g7H8i9|GET /sessions/{id}",
        "GET|/products/shoes|GET /products/shoes",
        "GET|/files/cafe|GET /files/cafe",
        "GET|/docs/introduction-to-the-api|GET /docs/introduction-to-the-api",
        "POST|/a/b/c/d/e|POST /a/b/c/...",
        "POST|/a/b/c|POST /a/b/c",
        "GET|/|GET /",
        "GET|//double//slash/|GET /double/slash",
        "GET|/pets/{petId}|GET /pets/{petId}",
        "GET|/static/css/site.001620d4.css|GET /static/css/{id}",
        "GET|/assets/app.3f9a2c.chunk.js|GET /assets/{id}",
        "GET|/assets/1a2b3c4d5e|GET /assets/{id}",
        "GET|/index.html|GET /index.html",
        "GET|/api/v1.2/items|GET /api/v1.2/items",
        "GET|/fonts/face.woff2|GET /fonts/face.woff2",
        "DELETE|/api/carts/c-00904115/items|DELETE /api/carts/{id}/...",
        "GET|/orders/ord_7Hx2|GET /orders/{id}",
        "GET|/api/v2/orders|GET /api/v2/orders",
      })
  void templatesIdSegmentsAndKeepsAtMostThree(String method, String path, String operation) {
    assertThat(RequestPaths.operation(method, path)).isEqualTo(operation);
  }

  @Test
  void needsBothMethodAndPath() {
    assertThat(RequestPaths.operation(null, "/a")).isNull();
    assertThat(RequestPaths.operation("GET", null)).isNull();
  }

  @Test
  void pathDropsSchemeHostQueryAndFragment() {
    assertThat(RequestPaths.path("https://api.example.com/v1/items?page=2#top"))
        .isEqualTo("/v1/items");
    assertThat(RequestPaths.path("http://api.example.com")).isEqualTo("/");
    assertThat(RequestPaths.path("/search?q=x")).isEqualTo("/search");
    assertThat(RequestPaths.path("-")).isNull();
    assertThat(RequestPaths.path("?only=query")).isNull();
    assertThat(RequestPaths.path("/" + "a".repeat(5000))).hasSize(2048);
  }

  @Test
  void methodMustBeALetterToken() {
    assertThat(RequestPaths.method("get")).isEqualTo("GET");
    assertThat(RequestPaths.method("PROPFIND")).isEqualTo("PROPFIND");
    assertThat(RequestPaths.method("G E T")).isNull();
    assertThat(RequestPaths.method("\u0016\u0003")).isNull();
    assertThat(RequestPaths.method("")).isNull();
  }

  @Test
  void operationComesFromParsedRequests() {
    assertThat(
            ParseFixtures.parse(
                    "/ecs/web",
                    "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET /users/42/orders/7/items HTTP/1.1\" 200 5 \"-\" \"ua\" 0.002")
                .getOperation())
        .isEqualTo("GET /users/{id}/orders/...");
  }

  @Test
  void distinctOperationsPerServiceAreCappedAndTheRestAreOther() {
    LogEventParser parser =
        new LogEventParser(ParserSettings.defaults().withMaxOperationsPerService(2));

    java.util.List<String> names = new java.util.ArrayList<>();
    for (String path : new String[] {"/a", "/b", "/c", "/a", "/d"}) {
      names.add(
          parser
              .parse(
                  new io.logpulse.schema.LogEvent(
                      "111111111111",
                      "/ecs/web",
                      "s",
                      "1",
                      0L,
                      "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET "
                          + path
                          + " HTTP/1.1\" 200 5"))
              .getOperation());
    }
    String other =
        parser
            .parse(
                new io.logpulse.schema.LogEvent(
                    "111111111111",
                    "/ecs/api",
                    "s",
                    "1",
                    0L,
                    "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET /z HTTP/1.1\" 200 5"))
            .getOperation();

    assertThat(names).containsExactly("GET /a", "GET /b", "OTHER", "GET /a", "OTHER");
    assertThat(other).as("another service has its own budget").isEqualTo("GET /z");
  }
}
