package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * A JVM service logging plain text through a pattern layout ({@code <ISO> LEVEL [thread] logger -
 * message}), with WARN lines and ERROR lines whose Java stack trace spans several lines of one
 * event, as the CloudWatch agent's multi-line setting delivers them.
 */
final class PlainTextProfile implements LogProfile {

  private static final long serialVersionUID = 1L;
  private static final String[] THREADS = {"main", "pool-2-thread-1", "pool-2-thread-2", "sync-1"};

  @Override
  public double requestShare() {
    return 0;
  }

  @Override
  public void write(Unit unit, LogLines out) {
    SplittableRandom rng = unit.rng;
    double u = rng.nextDouble();
    String level = u < unit.errorRate() ? "ERROR" : u < unit.errorRate() + 0.03 ? "WARN " : "INFO ";
    StringBuilder line = out.begin(unit.timestamp);
    Text.isoMillis(line, unit.timestamp).append(' ').append(level).append(" [");
    line.append(THREADS[rng.nextInt(THREADS.length)]).append("] ");
    switch (level) {
      case "ERROR" -> {
        line.append("c.e.i.StockSync - stock sync failed for warehouse wh-");
        line.append(1 + rng.nextInt(6))
            .append('\n')
            .append(StackTraces.pick(rng, unit.regression()));
      }
      case "WARN " -> {
        line.append("c.e.Inventory - stock low for sku SKU-").append(10_000 + rng.nextInt(90_000));
        line.append(": ").append(1 + rng.nextInt(5)).append(" left");
      }
      default -> {
        if (rng.nextBoolean()) {
          line.append("c.e.Inventory - reserved ").append(1 + rng.nextInt(6)).append(" items");
        } else {
          line.append("c.e.Inventory - released reservation r-");
          Text.hex(line, rng, 8);
        }
      }
    }
    out.commit();
  }
}
