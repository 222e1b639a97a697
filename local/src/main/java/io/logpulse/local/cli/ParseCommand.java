package io.logpulse.local.cli;

import io.logpulse.config.ParseOptions;
import io.logpulse.decode.DecoderSettings;
import io.logpulse.decode.MessageCheck;
import io.logpulse.parse.LogEventParser;
import io.logpulse.parse.ServiceEventJson;
import io.logpulse.schema.LogEvent;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logpulse parse}: raw log lines to normalized NDJSON events, with the same parser as the
 * job and its {@code parse.*} configuration ({@code --config}, {@code --set}). Lines the job would
 * dead-letter (binary, oversized) are reported on standard error.
 */
@Command(
    name = "parse",
    description = "Parses raw log lines (one event per line) into normalized NDJSON events.")
final class ParseCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "Log lines, or - for standard input.")
  String file;

  @Option(
      names = "--log-group",
      paramLabel = "NAME",
      description = "Log group the lines came from; it names the service (default: none).")
  String logGroup = "";

  @Option(
      names = "--account",
      paramLabel = "ID",
      description = "Account id to attribute the lines to (default: ${DEFAULT-VALUE}).")
  String account = "123456789012";

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws IOException {
    if (!file.equals("-") && !Files.exists(Path.of(file))) {
      System.err.println("logpulse parse: no such file: " + file);
      return 2;
    }
    LogEventParser parser = new LogEventParser(ParseOptions.settings(config.load(Map.of())));
    int maxBytes = DecoderSettings.defaults().maxMessageBytes();
    long lineNumber = 0;
    long parsed = 0;
    long rejected = 0;
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Writer out =
            new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long now = System.currentTimeMillis();
      while ((line = lines.readLine()) != null) {
        lineNumber++;
        MessageCheck.Problem problem = MessageCheck.problem(line, maxBytes);
        if (problem != null) {
          rejected++;
          System.err.println(
              "logpulse parse: line "
                  + lineNumber
                  + ": "
                  + problem.reason()
                  + ": "
                  + problem.detail());
          continue;
        }
        LogEvent event = new LogEvent(account, logGroup, "-", Long.toString(lineNumber), now, line);
        ServiceEventJson.writeLine(parser.parse(event), out);
        parsed++;
      }
    }
    System.err.printf(
        "logpulse parse: %,d lines, %,d parsed, %,d rejected%n", lineNumber, parsed, rejected);
    return 0;
  }
}
