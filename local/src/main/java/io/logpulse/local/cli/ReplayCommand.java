package io.logpulse.local.cli;

import io.logpulse.config.JobOptions;
import io.logpulse.local.LocalRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logpulse replay}: a bounded run of the job over recorded Kinesis records. */
@Command(
    name = "replay",
    description =
        "Runs the job over recorded Kinesis records (aws kinesis get-records JSON or NDJSON; a"
            + " file or a folder) and exits when done.")
final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "INPUT", description = "A recording, or a folder of recordings.")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the Parquet tables go (sets output.path).")
  Path out;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(input)) {
      System.err.println("logpulse replay: no such file or folder: " + input);
      return 2;
    }
    Map<String, String> forced = new LinkedHashMap<>();
    forced.put(JobOptions.SOURCE_TYPE.name(), "replay");
    forced.put(JobOptions.SOURCE_REPLAY_PATH.name(), input.toAbsolutePath().toUri().toString());
    if (out != null) {
      forced.put(JobOptions.OUTPUT_PATH.name(), out.toString());
    }
    new LocalRunner(config.load(forced), System.out, System.console() != null).run();
    return 0;
  }
}
