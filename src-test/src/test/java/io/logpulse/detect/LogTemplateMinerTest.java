package io.logpulse.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {

  @Test
  void variablePartsAreMaskedAndOnlyTheFirstLineCounts() {
    assertThat(
            LogTemplateMiner.tokenize(
                "Timeout after 3000ms calling 10.0.3.17:8443 for order"
                    + " 3f2b8c1e-9d4a-4e6b-a1f0-5c7d2e8b9a01 user \"Jane Doe\" at 0x7ffe12\n"
                    + "second line"))
        .containsExactly(
            "Timeout", "after", "<*>", "calling", "<*>", "for", "order", "<*>", "user", "<*>", "at",
            "<*>");
  }

  @Test
  void theExceptionClassOfAStackTraceIsKeptAsTheLastToken() {
    String withTrace =
        "Payment authorization failed for order 8812\n"
            + "java.net.SocketTimeoutException: Read timed out\n"
            + "\tat com.example.PaymentClient.authorize(PaymentClient.java:87)";
    assertThat(LogTemplateMiner.tokenize(withTrace))
        .containsExactly(
            "Payment",
            "authorization",
            "failed",
            "for",
            "order",
            "<*>",
            "java.net.SocketTimeoutException");
    assertThat(
            LogTemplateMiner.tokenize(
                "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)"))
        .containsExactly("java.lang.IllegalStateException:", "boom");
  }

  @Test
  void differingTokensBecomeWildcardsAndDifferentExceptionsStayApart() {
    LogTemplateMiner miner = new LogTemplateMiner(10);
    LogTemplateMiner.Match first = miner.add("Cannot reserve stock for sku shoe in warehouse east");
    LogTemplateMiner.Match second =
        miner.add("Cannot reserve stock for sku boot in warehouse west");
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.created()).isFalse();
    assertThat(second.template()).isEqualTo("Cannot reserve stock for sku <*> in warehouse <*>");

    LogTemplateMiner.Match other =
        miner.add("Cannot reserve stock for sku boot in warehouse west\nCaused by: a.b.LockError");
    assertThat(other.created()).isTrue();
    assertThat(miner.size()).isEqualTo(2);

    String trace = "Cannot reserve stock for sku boot in warehouse west\nCaused by: a.b.%s: x";
    int timeout = miner.add(String.format(trace, "TimeoutException")).id();
    LogTemplateMiner.Match deadlock = miner.add(String.format(trace, "DeadlockException"));
    assertThat(deadlock.created()).isTrue();
    assertThat(deadlock.id()).isNotEqualTo(timeout);
    assertThat(deadlock.template()).endsWith("in warehouse west a.b.DeadlockException");
  }

  @Test
  void theLeastRecentlySeenTemplateIsEvicted() {
    LogTemplateMiner miner = new LogTemplateMiner(2);
    int a = miner.add("alpha failed").id();
    int b = miner.add("beta crashed badly").id();
    miner.add("alpha failed");
    int c = miner.add("gamma exploded with smoke everywhere").id();
    assertThat(miner.contains(a)).isTrue();
    assertThat(miner.contains(b)).isFalse();
    assertThat(miner.contains(c)).isTrue();
    assertThat(miner.template(b)).isNull();
  }

  @Test
  void aRestoredMinerBehavesExactlyLikeTheOriginal() throws IOException {
    LogTemplateMiner miner = new LogTemplateMiner(3);
    String[] messages = {
      "disk full on volume data",
      "disk full on volume logs",
      "queue stalled",
      "lock lost by worker",
      "queue stalled",
      "cache miss storm in region",
      "disk full on volume tmp"
    };
    for (String message : messages) {
      miner.add(message);
    }
    LogTemplateMiner copy = roundTrip(miner);
    for (String message : messages) {
      assertThat(copy.add(message)).isEqualTo(miner.add(message));
    }
    assertThat(copy.add("brand new failure mode")).isEqualTo(miner.add("brand new failure mode"));
  }

  static LogTemplateMiner roundTrip(LogTemplateMiner miner) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    miner.write(new DataOutputStream(bytes));
    return LogTemplateMiner.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3);
  }
}
