package io.logpulse.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the decoder never throws and accounts for every record: it is rejected
 * whole, or is a control message, or each of its log events is either emitted or rejected.
 */
class SubscriptionEnvelopeDecoderPropertiesTest {

  private static final long NOW = 1_763_700_000_000L;

  private final SubscriptionEnvelopeDecoder decoder =
      new SubscriptionEnvelopeDecoder(DecoderSettings.defaults());

  @Property(tries = 500)
  void randomBytesAreAlwaysAccountedFor(@ForAll @Size(max = 2048) byte[] payload) {
    RecordingListener result = new RecordingListener();

    decoder.decode(payload, NOW, NOW, result);

    assertThat(result.outcomes()).isPositive();
    assertExactlyOneFamily(result);
  }

  @Property(tries = 300)
  void randomBytesBehindAGzipHeaderAreRejectedNotThrown(@ForAll @Size(max = 512) byte[] tail) {
    byte[] payload = new byte[tail.length + 2];
    payload[0] = 0x1f;
    payload[1] = (byte) 0x8b;
    System.arraycopy(tail, 0, payload, 2, tail.length);
    RecordingListener result = new RecordingListener();

    decoder.decode(payload, NOW, NOW, result);

    assertThat(result.recordReasons).hasSize(1);
    assertThat(result.events).isEmpty();
  }

  @Property(tries = 300)
  void validEnvelopesYieldEveryEvent(@ForAll("envelopes") ObjectNode envelope) {
    RecordingListener result = new RecordingListener();

    decoder.decode(Envelopes.gzip(envelope), NOW, NOW, result);

    assertThat(result.recordReasons).isEmpty();
    assertThat(result.events.size() + result.eventReasons.size())
        .isEqualTo(envelope.get("logEvents").size());
  }

  @Property(tries = 300)
  void truncatedEnvelopesAreRejectedWhole(
      @ForAll("envelopes") ObjectNode envelope, @ForAll @IntRange(min = 1, max = 200) int cut) {
    byte[] full = Envelopes.gzip(envelope);
    byte[] truncated = Arrays.copyOf(full, Math.max(0, full.length - cut));
    RecordingListener result = new RecordingListener();

    decoder.decode(truncated, NOW, NOW, result);

    assertThat(result.recordReasons).hasSize(1);
    assertThat(result.events).isEmpty();
  }

  @Property(tries = 300)
  void flippedBytesNeverEscapeAsExceptions(
      @ForAll("envelopes") ObjectNode envelope,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte value) {
    byte[] payload = Envelopes.gzip(envelope);
    payload[position % payload.length] ^= (byte) (value | 1);
    RecordingListener result = new RecordingListener();

    decoder.decode(payload, NOW, NOW, result);

    assertExactlyOneFamily(result);
  }

  @Property(tries = 300)
  void corruptedJsonTextIsRejectedOrDecodedConsistently(
      @ForAll("envelopes") ObjectNode envelope,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll("jsonNoise") String noise) {
    String json = envelope.toString();
    int at = position % (json.length() + 1);
    String damaged = json.substring(0, at) + noise + json.substring(at);
    RecordingListener result = new RecordingListener();

    decoder.decode(Envelopes.gzip(damaged.getBytes(StandardCharsets.UTF_8)), NOW, NOW, result);

    assertExactlyOneFamily(result);
  }

  private static void assertExactlyOneFamily(RecordingListener result) {
    int families =
        (result.recordReasons.isEmpty() ? 0 : 1)
            + (result.controlMessages == 0 ? 0 : 1)
            + (result.events.isEmpty() && result.eventReasons.isEmpty() ? 0 : 1);
    assertThat(families).isLessThanOrEqualTo(1);
    assertThat(result.recordReasons.size()).isLessThanOrEqualTo(1);
    assertThat(result.controlMessages).isLessThanOrEqualTo(1);
  }

  @Provide
  Arbitrary<ObjectNode> envelopes() {
    Arbitrary<String> messages =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(200),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
            Arbitraries.of(
                "{\"level\":\"ERROR\",\"status\":503}",
                "REPORT RequestId: 1\tDuration: 1.00 ms",
                "10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1"));
    Arbitrary<List<String>> eventMessages = messages.list().ofMaxSize(20);
    Arbitrary<String> accounts = Arbitraries.of("111111111111", "222222222222", "123456789012");
    Arbitrary<String> groups = Arbitraries.of("/ecs/checkout", "/aws/lambda/fn", "", "group");
    return Combinators.combine(accounts, groups, eventMessages)
        .as(
            (account, group, texts) -> {
              ObjectNode envelope = Envelopes.data(account, group, "stream");
              for (int i = 0; i < texts.size(); i++) {
                Envelopes.event(envelope, Integer.toString(i), NOW - i * 1000L, texts.get(i));
              }
              return envelope;
            });
  }

  @Provide
  Arbitrary<String> jsonNoise() {
    return Arbitraries.oneOf(
        Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "\\", "null", "1e999", "\u0000"),
        Arbitraries.strings().ofMaxLength(5));
  }
}
