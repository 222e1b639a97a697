package io.logpulse.local.cli;

import io.logpulse.config.ConfigException;
import picocli.CommandLine;

/**
 * Prints a command's failure as one clear message instead of a stack trace: configuration errors
 * exit with 2 like usage errors, anything else with 1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ConfigException)) {
      cause = cause.getCause();
    }
    if (cause instanceof ConfigException) {
      commandLine.getErr().println("logpulse: configuration error: " + cause.getMessage());
      return 2;
    }
    commandLine.getErr().println("logpulse: " + commandLine.getCommandName() + " failed: " + e);
    if (System.getenv("LOGPULSE_DEBUG") != null) {
      e.printStackTrace(commandLine.getErr());
    } else {
      commandLine.getErr().println("(set LOGPULSE_DEBUG=1 for the stack trace)");
    }
    return 1;
  }
}
