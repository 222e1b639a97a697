package io.logpulse.local.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logpulse.common.Bytes;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.decode.DecodeListener;
import io.logpulse.decode.DecoderSettings;
import io.logpulse.decode.SubscriptionEnvelopeDecoder;
import io.logpulse.replay.RecordedRecordsReader;
import io.logpulse.replay.RecordingFiles;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.core.fs.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code logpulse decode}: recorded Kinesis records to NDJSON log events, with the same decoder as
 * the job. Bad records are reported on standard error with their reason, never fatal.
 */
@Command(
    name = "decode",
    description =
        "Decodes recorded Kinesis records into NDJSON log events (owner, logGroup, logStream, id,"
            + " timestamp, message); problems go to standard error.")
final class DecodeCommand implements Callable<Integer> {

  private static final JsonFactory JSON = new JsonFactory();

  @Parameters(paramLabel = "FILE", description = "A recording, or a folder of recordings.")
  Path input;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(input)) {
      System.err.println("logpulse decode: no such file or folder: " + input);
      return 2;
    }
    Report report = new Report(System.err);
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      SubscriptionEnvelopeDecoder decoder =
          new SubscriptionEnvelopeDecoder(DecoderSettings.defaults());
      RecordingFiles.Listing listing =
          RecordingFiles.list(new org.apache.flink.core.fs.Path(input.toUri()));
      if (listing.skippedReport() != null) {
        System.err.println("logpulse decode: " + listing.skippedReport());
      }
      for (FileStatus file : listing.files()) {
        decodeFile(file.getPath(), decoder, json, out, report);
      }
    }
    report.print();
    return 0;
  }

  private static void decodeFile(
      org.apache.flink.core.fs.Path file,
      SubscriptionEnvelopeDecoder decoder,
      JsonGenerator json,
      OutputStream out,
      Report report)
      throws IOException {
    InputStream in;
    try {
      in = RecordingFiles.open(file);
    } catch (IOException e) {
      report.records++;
      report.reject(file.getName(), DeadLetterReason.UNREADABLE_RECORD, "cannot read: " + e);
      return;
    }
    try (RecordedRecordsReader reader = new RecordedRecordsReader(in, file.getPath())) {
      SourceRecord record;
      long index = 0;
      while ((record = reader.next()) != null) {
        index++;
        String where = file.getName() + " record " + index;
        report.records++;
        if (record.getReadError() != null) {
          report.reject(where, DeadLetterReason.UNREADABLE_RECORD, record.getReadError());
          continue;
        }
        if (record.getReadWarning() != null) {
          report.warn(where, record.getReadWarning());
        }
        decoder.decode(
            Bytes.toArray(record.getData()),
            record.getArrivalTime(),
            System.currentTimeMillis(),
            new DecodeListener() {
              @Override
              public void logEvent(LogEvent event) {
                report.events++;
                write(json, out, event);
              }

              @Override
              public void controlMessage() {
                report.controlMessages++;
              }

              @Override
              public void recordRejected(DeadLetterReason reason, String detail) {
                report.reject(where, reason, detail);
              }

              @Override
              public void eventRejected(RejectedEvent rejected) {
                report.reject(
                    where + " (" + rejected.logGroup() + " event " + rejected.id() + ")",
                    rejected.reason(),
                    rejected.detail());
              }
            });
      }
    }
  }

  private static void write(JsonGenerator json, OutputStream out, LogEvent event) {
    try {
      json.writeStartObject();
      json.writeStringField("owner", event.getOwner());
      json.writeStringField("logGroup", event.getLogGroup());
      json.writeStringField("logStream", event.getLogStream());
      json.writeStringField("id", event.getId());
      json.writeNumberField("timestamp", event.getTimestamp());
      json.writeStringField("message", event.getMessage());
      json.writeEndObject();
      json.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts what was decoded and reports each problem as it happens. */
  private static final class Report {
    private final PrintStream err;
    private final Map<DeadLetterReason, Long> rejected = new TreeMap<>();
    long records;
    long events;
    long controlMessages;
    long warnings;

    Report(PrintStream err) {
      this.err = err;
    }

    void warn(String where, String warning) {
      warnings++;
      err.println("logpulse decode: " + where + ": warning: " + warning);
    }

    void reject(String where, DeadLetterReason reason, String detail) {
      rejected.merge(reason, 1L, Long::sum);
      err.println("logpulse decode: " + where + ": " + reason + ": " + detail);
    }

    void print() {
      err.printf(
          "logpulse decode: %,d records, %,d log events, %,d control messages, %,d rejected%s%s%n",
          records,
          events,
          controlMessages,
          rejected.values().stream().mapToLong(Long::longValue).sum(),
          rejected.isEmpty() ? "" : " " + rejected,
          warnings == 0 ? "" : String.format(", %,d warnings", warnings));
    }
  }
}
