package io.logpulse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of a local AWS server that the test tells to fail: while a fault is active
 * it answers in turn HTTP 500, HTTP 503 and a throttling error (HTTP 400), or with a non-retryable
 * validation error (HTTP 400), each in the protocol of the request: query-protocol XML ({@code
 * Throttling}, {@code InvalidParameterValue}) for CloudWatch, AWS JSON ({@code
 * ThrottlingException}, {@code ValidationException}) for requests with an {@code X-Amz-Target}
 * header such as EventBridge's; for JSON-protocol services it can also fail chosen calls of one
 * operation (Kinesis throttling) or stall them past a client's timeout; otherwise it forwards,
 * optionally holding answers back. It counts request bodies by hash, so a test can tell whether a
 * request the target accepted was sent again.
 */
public final class FaultInjectingProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "host", "transfer-encoding", "expect", "upgrade");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger rejectionsLeft = new AtomicInteger();
  private final AtomicInteger slowAnswersLeft = new AtomicInteger();
  private volatile Duration slowAnswerDelay = Duration.ZERO;
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger operationCalls = new AtomicInteger();
  private final Map<String, AtomicInteger> receivedBodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> acceptedBodies = new ConcurrentHashMap<>();
  private volatile JsonFault jsonFault;
  private volatile JsonStall jsonStall;
  private final AtomicInteger stalled = new AtomicInteger();

  public FaultInjectingProxy(String target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The proxy's URL. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Fails the next {@code n} requests with 500, 503 and throttling in turn. */
  public void failNext(int n) {
    failuresLeft.set(n);
  }

  /**
   * Forwards the next {@code n} requests at once but holds the target's answers back for {@code
   * delay}, as an overloaded server that already accepted them would.
   */
  public void delayNextAnswers(int n, Duration delay) {
    slowAnswerDelay = delay;
    slowAnswersLeft.set(n);
  }

  /** Answers the next {@code n} requests with a non-retryable InvalidParameterValue. */
  public void rejectNext(int n) {
    rejectionsLeft.set(n);
  }

  /**
   * For JSON-protocol services (Kinesis): answers the calls of {@code operation} (the {@code
   * X-Amz-Target} suffix, e.g. {@code GetRecords}) whose number, counting from 1, satisfies {@code
   * calls} with {@code status} and the error {@code errorType}.
   */
  public void failJsonCalls(String operation, IntPredicate calls, int status, String errorType) {
    jsonFault = new JsonFault(operation, calls, status, errorType);
  }

  /**
   * For JSON-protocol services (Kinesis): holds the calls of {@code operation} whose request body
   * satisfies {@code requests} for {@code stall} before forwarding them, as a server slow to build
   * a large answer would; a client with a shorter timeout gives up on them.
   */
  public void stallJsonCalls(String operation, Predicate<String> requests, Duration stall) {
    jsonStall = new JsonStall(operation, requests, stall);
  }

  /** Calls stalled so far. */
  public int stalled() {
    return stalled.get();
  }

  /** Requests answered with a fault so far. */
  public int failed() {
    return failed.get();
  }

  /** Requests forwarded so far. */
  public int forwarded() {
    return forwarded.get();
  }

  /**
   * Request bodies the target answered with a 2xx more than once, with how often it did: a
   * PutMetricData body the server accepted twice was counted twice, whoever re-sent it.
   */
  public Map<String, Integer> bodiesAcceptedMoreThanOnce() {
    Map<String, Integer> repeated = new TreeMap<>();
    acceptedBodies.forEach(
        (hash, count) -> {
          if (count.get() > 1) {
            repeated.put(hash + " (received " + receivedBodies.get(hash) + "x)", count.get());
          }
        });
    return repeated;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String hash = sha256(body);
      receivedBodies.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
      JsonFault fault = jsonFault;
      String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (fault != null
          && amzTarget != null
          && amzTarget.endsWith("." + fault.operation())
          && fault.calls().test(operationCalls.incrementAndGet())) {
        failed.incrementAndGet();
        jsonError(exchange, fault.status(), fault.errorType());
        return;
      }
      JsonStall stall = jsonStall;
      if (stall != null
          && amzTarget != null
          && amzTarget.endsWith("." + stall.operation())
          && stall.requests().test(new String(body, StandardCharsets.UTF_8))) {
        stalled.incrementAndGet();
        try {
          Thread.sleep(stall.stall().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      boolean json = amzTarget != null;
      if (rejectionsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failed.incrementAndGet();
        fault(exchange, json, 400, "ValidationException", "Sender", "InvalidParameterValue");
        return;
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        switch (failed.getAndIncrement() % 3) {
          case 0 -> fault(exchange, json, 500, "InternalException", "Receiver", "InternalFailure");
          case 1 ->
              fault(exchange, json, 503, "ServiceUnavailable", "Receiver", "ServiceUnavailable");
          default -> fault(exchange, json, 400, "ThrottlingException", "Sender", "Throttling");
        }
        return;
      }
      forward(exchange, body, hash);
    }
  }

  private void forward(HttpExchange exchange, byte[] body, String hash) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
              }
            });
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      forwarded.incrementAndGet();
      if (response.statusCode() / 100 == 2) {
        acceptedBodies.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
      }
      if (slowAnswersLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        Thread.sleep(slowAnswerDelay.toMillis());
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      answer(exchange, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] error(String type, String code, String message) {
    return ("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error>"
            + "<Type>"
            + type
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>00000000-0000-4000-8000-000000000000</RequestId>"
            + "</ErrorResponse>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An error answer in the request's protocol: AWS JSON's error type, or query XML's type and code.
   */
  private static void fault(
      HttpExchange exchange, boolean json, int status, String jsonType, String xmlType, String code)
      throws IOException {
    if (json) {
      jsonError(exchange, status, jsonType);
    } else {
      answer(exchange, status, error(xmlType, code, "injected"));
    }
  }

  /** An AWS JSON protocol error answer. */
  private static void jsonError(HttpExchange exchange, int status, String errorType)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    answer(
        exchange,
        status,
        ("{\"__type\":\"" + errorType + "\",\"message\":\"injected\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private record JsonStall(String operation, Predicate<String> requests, Duration stall) {}

  private record JsonFault(String operation, IntPredicate calls, int status, String errorType) {}

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
