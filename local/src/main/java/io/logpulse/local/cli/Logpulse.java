package io.logpulse.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code logpulse} command line: run, replay, decode, parse, detect, evaluate,
 * evaluate-detectors, the benchmarks, fill-kinesis and config.
 */
@Command(
    name = "logpulse",
    mixinStandardHelpOptions = true,
    version = "logpulse 0.1.0",
    description = "Turns centralised CloudWatch Logs into per-service metrics.",
    subcommands = {
      RunCommand.class,
      ReplayCommand.class,
      DecodeCommand.class,
      ParseCommand.class,
      DetectCommand.class,
      EvaluateCommand.class,
      EvaluateDetectorsCommand.class,
      BenchCommand.class,
      FillKinesisCommand.class,
      RecordCommand.class,
      BenchKinesisCommand.class,
      BenchCloudWatchCommand.class,
      ConfigCommand.class
    })
public final class Logpulse implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 bad usage. */
  public static int execute(String... args) {
    return new CommandLine(new Logpulse())
        .setExecutionExceptionHandler(new ErrorHandler())
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
