package io.logpulse.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop a local run gracefully (the runner then
 * stops the job with a savepoint, so the run can be resumed where it stopped), and a second one
 * into an abort at once. The JVM's own handlers would instead run the shutdown hooks and lose
 * everything since the last checkpoint. {@link #signal} holds the logic, so tests drive it without
 * signals.
 */
public final class GracefulStop implements AutoCloseable {

  /** The signals a stop is asked with. */
  static final List<String> SIGNALS = List.of("INT", "TERM");

  private final AtomicInteger received = new AtomicInteger();
  private final PrintStream console;
  private final Runnable abort;
  private final List<Runnable> restore = new ArrayList<>();

  /**
   * A stop that nothing signals yet.
   *
   * @param abort what a second signal does (in a run: halt the JVM at once)
   */
  GracefulStop(PrintStream console, Runnable abort) {
    this.console = console;
    this.abort = abort;
  }

  /**
   * Installs the handlers of {@link #SIGNALS}; {@link #close} puts the previous ones back. A second
   * signal halts the JVM with exit code 130, running no shutdown hook.
   */
  public static GracefulStop install(PrintStream console) {
    GracefulStop stop = new GracefulStop(console, () -> Runtime.getRuntime().halt(130));
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, s -> stop.signal("SIG" + s.getName()));
      stop.restore.add(() -> Signal.handle(signal, previous));
    }
    return stop;
  }

  /** A signal arrived: the first asks for a stop, any later one aborts. */
  void signal(String name) {
    if (received.incrementAndGet() == 1) {
      console.println(
          System.lineSeparator()
              + "logpulse: "
              + name
              + ": stopping with a savepoint (press Ctrl-C again to abort at once)");
    } else {
      console.println(System.lineSeparator() + "logpulse: " + name + " again: aborting");
      console.flush();
      abort.run();
    }
  }

  /** Whether a stop was asked for. */
  public boolean requested() {
    return received.get() > 0;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
    restore.clear();
  }
}
