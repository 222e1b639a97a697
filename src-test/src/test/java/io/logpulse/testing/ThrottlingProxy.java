package io.logpulse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * An HTTP proxy in front of a local AWS server that answers some calls of one JSON-protocol
 * operation with an error instead of forwarding them, so tests can exercise retry paths against a
 * real server.
 */
public final class ThrottlingProxy implements AutoCloseable {

  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  /**
   * @param target the server behind the proxy
   * @param operation the {@code X-Amz-Target} suffix to interfere with, e.g. {@code GetRecords}
   * @param fail which such calls (numbered from 1) to answer with {@code status} and {@code
   *     errorType}
   */
  public ThrottlingProxy(
      URI target, String operation, IntPredicate fail, int status, String errorType)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (amzTarget != null
                && amzTarget.endsWith("." + operation)
                && fail.test(calls.incrementAndGet())) {
              failed.incrementAndGet();
              reply(exchange, status, errorType);
            } else {
              forward(exchange, target);
            }
          }
        });
    server.start();
  }

  private static void reply(HttpExchange exchange, int status, String errorType)
      throws IOException {
    byte[] body =
        ("{\"__type\":\"" + errorType + "\",\"message\":\"injected by the test\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void forward(HttpExchange exchange, URI target) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!HOP_HEADERS.contains(header.getKey().toLowerCase())) {
        header.getValue().forEach(v -> request.header(header.getKey(), v));
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    exchange.sendResponseHeaders(
        response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many calls were answered with the injected error. */
  public int injectedErrors() {
    return failed.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
