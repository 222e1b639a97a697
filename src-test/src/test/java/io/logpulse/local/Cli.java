package io.logpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.Envelopes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code logpulse} command lines in this JVM and captures what they print. */
final class Cli {

  private Cli() {}

  /** What a command line returned and printed. */
  record Run(int exit, String out, String err) {
    /** Standard output as NDJSON, one node per non-blank line. */
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(Envelopes.JSON.readTree(line));
        }
      }
      return nodes;
    }
  }

  /** Runs one command line with standard output and error captured. */
  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = Logpulse.execute(args);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
