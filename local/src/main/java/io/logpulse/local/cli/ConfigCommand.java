package io.logpulse.local.cli;

import io.logpulse.config.ConfigKey;
import io.logpulse.local.LocalOptions;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code logpulse config}: the configuration keys as the README's Markdown table. */
@Command(name = "config", description = "Prints every configuration key as a Markdown table.")
final class ConfigCommand implements Runnable {

  @Override
  public void run() {
    print(LocalOptions.allKeys(), System.out);
  }

  /** Writes the table; the README holds the same table, and a test keeps them in step. */
  static void print(List<ConfigKey<?>> keys, PrintStream out) {
    out.println("| key | default | accepted values | description |");
    out.println("|---|---|---|---|");
    for (ConfigKey<?> key : keys) {
      out.printf(
          "| `%s` | %s | %s | %s |%n",
          key.displayName(),
          key.defaultValue() == null
              ? "(none)"
              : key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`",
          key.acceptedValues().replace("|", "\\|"),
          key.description().replace("|", "\\|"));
    }
  }
}
