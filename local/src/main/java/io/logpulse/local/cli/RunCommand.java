package io.logpulse.local.cli;

import io.logpulse.local.LocalRunner;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code logpulse run}: the job on its configured source, by default the embedded generator. */
@Command(
    name = "run",
    description = "Runs the job locally (MiniCluster and web UI) on the configured source.")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    new LocalRunner(config.load(Map.of()), System.out, System.console() != null).run();
    return 0;
  }
}
