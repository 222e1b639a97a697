package io.logpulse.decode;

import static io.logpulse.testing.Envelopes.data;
import static io.logpulse.testing.Envelopes.event;
import static io.logpulse.testing.Envelopes.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.schema.LogEvent;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubscriptionEnvelopeDecoderTest {

  private static final long T0 = 1_763_700_000_000L;

  private final SubscriptionEnvelopeDecoder decoder =
      new SubscriptionEnvelopeDecoder(DecoderSettings.defaults());

  private RecordingListener decode(byte[] payload) {
    return decode(payload, T0 + 1_000L);
  }

  private RecordingListener decode(byte[] payload, Long arrival) {
    RecordingListener listener = new RecordingListener();
    decoder.decode(payload, arrival, T0 + 2_000L, listener);
    return listener;
  }

  private static ObjectNode threeEvents() {
    ObjectNode envelope = data("111111111111", "/ecs/checkout", "ecs/checkout/abc123");
    event(envelope, "36577153028461035880936426545367393936451424150427795456", T0, "first");
    event(envelope, "36577153028461035880936426545367393936451424150427795457", T0 + 1, "second");
    event(envelope, "36577153028461035880936426545367393936451424150427795458", T0 + 2, "third");
    return envelope;
  }

  @Test
  void gzipEnvelopeYieldsOneLogEventPerEntryWithTheEnvelopeFields() {
    RecordingListener result = decode(gzip(threeEvents()));

    assertThat(result.events)
        .extracting(LogEvent::getMessage)
        .containsExactly("first", "second", "third");
    LogEvent first = result.events.get(0);
    assertThat(first.getOwner()).isEqualTo("111111111111");
    assertThat(first.getLogGroup()).isEqualTo("/ecs/checkout");
    assertThat(first.getLogStream()).isEqualTo("ecs/checkout/abc123");
    assertThat(first.getId()).isEqualTo("36577153028461035880936426545367393936451424150427795456");
    assertThat(first.getTimestamp()).isEqualTo(T0);
    assertThat(result.recordReasons).isEmpty();
  }

  @Test
  void plainJsonEnvelopeIsDecodedLikeGzip() {
    RecordingListener result = decode(("  " + threeEvents()).getBytes(StandardCharsets.UTF_8));

    assertThat(result.events).hasSize(3);
  }

  @Test
  void concatenatedGzipMembersAreOneEnvelope() {
    byte[] json = threeEvents().toString().getBytes(StandardCharsets.UTF_8);
    int half = json.length / 2;
    byte[] first = gzip(Arrays.copyOfRange(json, 0, half));
    byte[] second = gzip(Arrays.copyOfRange(json, half, json.length));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);

    assertThat(decode(both).events).hasSize(3);
  }

  @Test
  void controlMessageIsCountedNotEmitted() {
    RecordingListener result = decode(gzip(Envelopes.control()));

    assertThat(result.controlMessages).isEqualTo(1);
    assertThat(result.events).isEmpty();
    assertThat(result.recordReasons).isEmpty();
    assertThat(result.eventReasons).isEmpty();
  }

  @Test
  void unknownEnvelopeFieldsOfAccountLevelSubscriptionsAreTolerated() {
    ObjectNode envelope = threeEvents();
    envelope.put("policyLevel", "ACCOUNT_LEVEL_POLICY");
    envelope.putObject("futureField").put("nested", true);

    assertThat(decode(gzip(envelope)).events).hasSize(3);
  }

  @Test
  void payloadThatIsNeitherGzipNorJsonIsRejected() {
    RecordingListener result = decode("hello".getBytes(StandardCharsets.UTF_8));

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.NOT_GZIP);
    assertThat(result.events).isEmpty();
  }

  @Test
  void truncatedGzipIsRejectedAsTruncated() {
    byte[] full = gzip(threeEvents());

    RecordingListener result = decode(Arrays.copyOf(full, full.length - 12));

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.TRUNCATED_GZIP);
    assertThat(result.events).isEmpty();
  }

  @Test
  void damagedDeflateDataIsRejectedAsCorrupt() {
    byte[] damaged = gzip(threeEvents());
    for (int i = 12; i < 24; i++) {
      damaged[i] = (byte) 0xff;
    }

    assertThat(decode(damaged).recordReasons)
        .singleElement()
        .isIn(DeadLetterReason.CORRUPT_GZIP, DeadLetterReason.TRUNCATED_GZIP);
  }

  @Test
  void invalidJsonInsideGzipIsRejectedAndNoEventEscapes() {
    String json = threeEvents().toString();
    byte[] broken = gzip(json.substring(0, json.length() - 30).getBytes(StandardCharsets.UTF_8));

    RecordingListener result = decode(broken);

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.INVALID_JSON);
    assertThat(result.events).isEmpty();
  }

  @Test
  void envelopeWithoutOwnerIsNotAnEnvelope() {
    ObjectNode envelope = threeEvents();
    envelope.remove("owner");

    RecordingListener result = decode(gzip(envelope));

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.NOT_AN_ENVELOPE);
    assertThat(result.recordRejections.get(0)).contains("owner");
  }

  @Test
  void unknownMessageTypeIsRejected() {
    ObjectNode envelope = threeEvents();
    envelope.put("messageType", "SOMETHING_NEW");

    assertThat(decode(gzip(envelope)).recordReasons)
        .containsExactly(DeadLetterReason.UNKNOWN_MESSAGE_TYPE);
  }

  @Test
  void logEventsThatIsNotAnArrayIsAWrongType() {
    ObjectNode envelope = threeEvents();
    envelope.put("logEvents", "nope");

    assertThat(decode(gzip(envelope)).recordReasons).containsExactly(DeadLetterReason.WRONG_TYPE);
  }

  @Test
  void mistypedEventFieldRejectsThatEventOnly() {
    ObjectNode envelope = threeEvents();
    ((ObjectNode) envelope.get("logEvents").get(1)).put("timestamp", "yesterday");

    RecordingListener result = decode(gzip(envelope));

    assertThat(result.events).extracting(LogEvent::getMessage).containsExactly("first", "third");
    assertThat(result.eventReasons).containsExactly(DeadLetterReason.WRONG_TYPE);
    assertThat(result.eventDetails.get(0)).contains("logEvents[1].timestamp");
  }

  @Test
  void eventWithoutMessageIsRejected() {
    ObjectNode envelope = threeEvents();
    ((ObjectNode) envelope.get("logEvents").get(2)).remove("message");

    RecordingListener result = decode(gzip(envelope));

    assertThat(result.events).hasSize(2);
    assertThat(result.eventDetails).singleElement().asString().contains("lacks message");
  }

  @Test
  void oversizedMessageIsRejectedWithItsSize() {
    SubscriptionEnvelopeDecoder small =
        new SubscriptionEnvelopeDecoder(
            new DecoderSettings(1 << 20, 100, Duration.ofDays(14), Duration.ofHours(2)));
    ObjectNode envelope = data("111111111111", "/ecs/a", "s");
    event(envelope, "1", T0, "x".repeat(101));
    event(envelope, "2", T0, "y".repeat(100));
    RecordingListener result = new RecordingListener();

    small.decode(gzip(envelope), T0, T0, result);

    assertThat(result.eventReasons).containsExactly(DeadLetterReason.OVERSIZED_MESSAGE);
    assertThat(result.events).extracting(LogEvent::getId).containsExactly("2");
  }

  @Test
  void gzipBombIsStoppedAtTheRecordLimit() {
    SubscriptionEnvelopeDecoder small =
        new SubscriptionEnvelopeDecoder(
            new DecoderSettings(64 * 1024, 1024, Duration.ofDays(14), Duration.ofHours(2)));
    byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
    RecordingListener result = new RecordingListener();

    small.decode(bomb, T0, T0, result);

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.OVERSIZED_RECORD);
  }

  @Test
  void binaryMessageIsRejected() {
    ObjectNode envelope = data("111111111111", "/ecs/a", "s");
    event(envelope, "1", T0, "PK\u0003\u0004\u0000\u0000binary");
    event(envelope, "2", T0, "plain text\twith a tab\nand a newline");

    RecordingListener result = decode(gzip(envelope));

    assertThat(result.eventReasons).containsExactly(DeadLetterReason.BINARY_MESSAGE);
    assertThat(result.events).extracting(LogEvent::getId).containsExactly("2");
  }

  @Test
  void timestampsFarFromArrivalAreRejected() {
    ObjectNode envelope = data("111111111111", "/ecs/a", "s");
    long arrival = T0;
    event(envelope, "old", arrival - Duration.ofDays(15).toMillis(), "old");
    event(envelope, "ahead", arrival + Duration.ofHours(3).toMillis(), "ahead");
    event(envelope, "fine", arrival - Duration.ofDays(13).toMillis(), "fine");

    RecordingListener result = decode(gzip(envelope), arrival);

    assertThat(result.eventReasons)
        .containsExactly(
            DeadLetterReason.TIMESTAMP_TOO_OLD, DeadLetterReason.TIMESTAMP_TOO_FAR_AHEAD);
    assertThat(result.events).extracting(LogEvent::getId).containsExactly("fine");
  }

  @Test
  void withoutArrivalTimeOnlyTheFutureIsBoundedByNow() {
    ObjectNode envelope = data("111111111111", "/ecs/a", "s");
    event(envelope, "years-old", T0 - Duration.ofDays(3000).toMillis(), "replayed");
    event(envelope, "future", T0 + 2_000L + Duration.ofHours(3).toMillis(), "future");

    RecordingListener result = decode(gzip(envelope), null);

    assertThat(result.events).extracting(LogEvent::getId).containsExactly("years-old");
    assertThat(result.eventReasons).containsExactly(DeadLetterReason.TIMESTAMP_TOO_FAR_AHEAD);
  }

  @Test
  void emptyPayloadIsRejected() {
    assertThat(decode(new byte[0]).recordReasons).containsExactly(DeadLetterReason.EMPTY_RECORD);
  }

  @Test
  void trailingContentAfterTheEnvelopeIsInvalid() {
    byte[] payload = gzip((threeEvents() + " {}").getBytes(StandardCharsets.UTF_8));

    assertThat(decode(payload).recordReasons).containsExactly(DeadLetterReason.INVALID_JSON);
  }

  @Test
  void decoderIsReusableAfterAFailure() {
    decode("garbage".getBytes(StandardCharsets.UTF_8));

    assertThat(decode(gzip(threeEvents())).events).hasSize(3);
  }

  @Test
  void timestampsBeyondTheLongRangeRejectOnlyTheirEvent() {
    String json =
        threeEvents()
            .toString()
            .replace("\"timestamp\":" + T0 + ",", "\"timestamp\":99999999999999999999,")
            .replace("\"timestamp\":" + (T0 + 1) + ",", "\"timestamp\":1e30,");

    RecordingListener result = decode(gzip(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(result.recordReasons).isEmpty();
    assertThat(result.eventReasons)
        .containsExactly(DeadLetterReason.WRONG_TYPE, DeadLetterReason.WRONG_TYPE);
    assertThat(result.eventDetails.get(0)).contains("99999999999999999999", "out of the range");
    assertThat(result.events).extracting(LogEvent::getMessage).containsExactly("third");
  }

  @Test
  void aNumberOfAThousandDigitsIsItsEventsProblemOnly() {
    String json =
        threeEvents()
            .toString()
            .replace("\"timestamp\":" + T0 + ",", "\"timestamp\":" + "9".repeat(5000) + ",");

    RecordingListener result = decode(gzip(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(result.recordReasons).isEmpty();
    assertThat(result.eventReasons).containsExactly(DeadLetterReason.WRONG_TYPE);
    assertThat(result.events).hasSize(2);
  }

  @Test
  void rejectedEventsKeepTheirId() {
    ObjectNode envelope = data("111111111111", "/ecs/a", "s");
    event(envelope, "id-binary", T0, "\u0000binary");
    event(envelope, "id-fine", T0, "fine");

    RecordingListener result = decode(gzip(envelope));

    assertThat(result.eventIds).containsExactly("id-binary");
  }

  @Test
  void dataEventsInAControlMessageAreDeadLetteredNotDropped() {
    ObjectNode control = Envelopes.control();
    ((com.fasterxml.jackson.databind.node.ArrayNode) control.get("logEvents"))
        .addObject()
        .put("id", "smuggled")
        .put("timestamp", T0)
        .put("message", "{\"level\":\"ERROR\"}");

    RecordingListener result = decode(gzip(control));

    assertThat(result.controlMessages).isEqualTo(1);
    assertThat(result.eventReasons).containsExactly(DeadLetterReason.CONTROL_MESSAGE_EVENT);
    assertThat(result.eventIds).containsExactly("smuggled");
    assertThat(result.events).isEmpty();
  }

  @Test
  void namesLongerThanCloudWatchLogsWritesAreOversizedFields() {
    String tooLong = "/ecs/" + "g".repeat(70_000);
    for (ObjectNode envelope :
        new ObjectNode[] {
          event(data("111111111111", tooLong, "s"), "1", T0, "m"),
          event(data("111111111111", "/ecs/a", "s".repeat(513)), "1", T0, "m"),
          event(data("1".repeat(70_000), "/ecs/a", "s"), "1", T0, "m")
        }) {
      RecordingListener result = decode(gzip(envelope));

      assertThat(result.recordReasons).containsExactly(DeadLetterReason.OVERSIZED_FIELD);
      assertThat(result.events).isEmpty();
    }
    assertThat(
            decode(gzip(event(data("111111111111", "/" + "g".repeat(511), "s"), "1", T0, "m")))
                .events)
        .hasSize(1);
  }

  @Test
  void anOwnerThatIsNoAccountIdIsNotAnEnvelope() {
    RecordingListener result = decode(gzip(event(data("acct-1", "/ecs/a", "s"), "1", T0, "m")));

    assertThat(result.recordReasons).containsExactly(DeadLetterReason.NOT_AN_ENVELOPE);
    assertThat(result.recordRejections.get(0)).contains("12-digit");
  }
}
