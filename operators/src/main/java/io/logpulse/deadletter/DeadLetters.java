package io.logpulse.deadletter;

import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;

/**
 * The dead-letter side output shared by every operator, and the constructors of its records. One
 * tag for all stages keeps the job graph's dead-letter union simple and the table uniform.
 */
public final class DeadLetters {

  /** The side output every operator writes its dead letters to. */
  public static final OutputTag<DeadLetter> TAG =
      new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  private DeadLetters() {}

  /** A whole source record rejected; its payload is kept as it arrived. */
  public static DeadLetter ofRecord(
      SourceRecord record, DeadLetterReason reason, String detail, String stage, long now) {
    return DeadLetter.newBuilder()
        .setReason(reason.name())
        .setDetail(detail)
        .setStage(stage)
        .setRecordedAt(Instant.ofEpochMilli(now))
        .setEventTime(null)
        .setAccount(null)
        .setLogGroup(null)
        .setStream(record.getStream())
        .setShardId(record.getShardId())
        .setSequenceNumber(record.getSequenceNumber())
        .setPayloadBase64(base64(record.getData()))
        .build();
  }

  /** One log event rejected while the rest of its record went on. */
  public static DeadLetter ofEvent(
      SourceRecord record,
      String account,
      String logGroup,
      Long eventTime,
      String message,
      DeadLetterReason reason,
      String detail,
      String stage,
      long now) {
    return DeadLetter.newBuilder()
        .setReason(reason.name())
        .setDetail(detail)
        .setStage(stage)
        .setRecordedAt(Instant.ofEpochMilli(now))
        .setEventTime(eventTime == null ? null : Instant.ofEpochMilli(eventTime))
        .setAccount(account)
        .setLogGroup(logGroup)
        .setStream(record == null ? null : record.getStream())
        .setShardId(record == null ? null : record.getShardId())
        .setSequenceNumber(record == null ? null : record.getSequenceNumber())
        .setPayloadBase64(base64(message))
        .build();
  }

  /**
   * A log event rejected after decoding, for example because it came too late for its window; its
   * id is kept so the dead letter can be matched to the event in CloudWatch Logs.
   */
  public static DeadLetter ofLogEvent(
      LogEvent event, DeadLetterReason reason, String detail, String stage, long now) {
    DeadLetter deadLetter =
        ofEvent(
            null,
            event.getOwner(),
            event.getLogGroup(),
            event.getTimestamp(),
            event.getMessage(),
            reason,
            detail,
            stage,
            now);
    deadLetter.setEventId(event.getId());
    return deadLetter;
  }

  private static String base64(ByteBuffer data) {
    return StandardCharsets.ISO_8859_1
        .decode(Base64.getEncoder().encode(data.duplicate()))
        .toString();
  }

  private static String base64(String text) {
    return text == null
        ? ""
        : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
