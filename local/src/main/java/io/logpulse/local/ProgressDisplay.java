package io.logpulse.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Shows a running job's progress from its own counters: one self-updating line on a terminal, a
 * line every few seconds otherwise (CI logs, pipes).
 */
final class ProgressDisplay {

  private static final Duration TERMINAL_INTERVAL = Duration.ofMillis(500);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

  private final PrintStream console;
  private final boolean interactive;
  private final OptionalLong expectedRecords;
  private final long startNanos = System.nanoTime();
  private long lastEvents;
  private long lastNanos = startNanos;

  ProgressDisplay(PrintStream console, boolean interactive, OptionalLong expectedRecords) {
    this.console = console;
    this.interactive = interactive;
    this.expectedRecords = expectedRecords;
  }

  Duration interval() {
    return interactive ? TERMINAL_INTERVAL : LOG_INTERVAL;
  }

  void show(Map<String, Long> totals) {
    String line = line(totals);
    if (interactive) {
      console.print("\r" + line + "\u001b[K");
    } else {
      console.println(line);
    }
    console.flush();
  }

  void finish(Map<String, Long> totals) {
    show(totals);
    if (interactive) {
      console.println();
    }
  }

  private String line(Map<String, Long> totals) {
    long records = totals.getOrDefault("recordsDecoded", 0L);
    long events = totals.getOrDefault("logEvents", 0L);
    long now = System.nanoTime();
    double seconds = (now - lastNanos) / 1e9;
    long rate = seconds > 0 ? Math.round((events - lastEvents) / seconds) : 0;
    lastEvents = events;
    lastNanos = now;
    long deadLetters = totals.getOrDefault("deadLetters", 0L);
    String done =
        expectedRecords.isPresent() && expectedRecords.getAsLong() > 0
            ? String.format("%3d%% ", Math.min(100, records * 100 / expectedRecords.getAsLong()))
            : "";
    return String.format(
        "%s%s | records %,d | log events %,d (%,d/s) | windows %,d (corrections %,d) | late %,d"
            + " | dead letters %,d",
        done,
        elapsed(now),
        records,
        events,
        rate,
        totals.getOrDefault("metricWindows", 0L),
        totals.getOrDefault("metricCorrections", 0L),
        totals.getOrDefault("lateEvents", 0L),
        deadLetters);
  }

  private String elapsed(long now) {
    long seconds = (now - startNanos) / 1_000_000_000L;
    return String.format("%02d:%02d", seconds / 60, seconds % 60);
  }
}
