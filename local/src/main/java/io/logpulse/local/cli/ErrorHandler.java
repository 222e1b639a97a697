package io.logpulse.local.cli;

import io.logpulse.config.ConfigException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Prints a command's failure as a few clear lines instead of a stack trace: configuration errors
 * exit with 2 like usage errors, anything else with 1 after the root cause and, for known causes,
 * what to do (see {@link FailureExplanation}). {@code LOGPULSE_DEBUG=1} adds the stack trace before
 * them.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ConfigException)) {
      cause = cause.getCause();
    }
    if (cause instanceof ConfigException) {
      err.println("logpulse: configuration error: " + cause.getMessage());
      return 2;
    }
    boolean debug = System.getenv("LOGPULSE_DEBUG") != null;
    if (debug) {
      e.printStackTrace(err);
    }
    FailureExplanation.of(e, settings(commandLine))
        .lines(commandLine.getCommandName())
        .forEach(err::println);
    if (!debug) {
      err.println("(set LOGPULSE_DEBUG=1 for the stack trace)");
    }
    return 1;
  }

  /** The configuration the failed command ran with, if it takes one and read it. */
  private static Map<String, String> settings(CommandLine commandLine) {
    for (CommandLine.Model.CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
      if (mixin.userObject() instanceof ConfigOptions options && options.loaded != null) {
        return options.loaded.explicitValues();
      }
    }
    return Map.of();
  }
}
