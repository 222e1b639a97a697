package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * An nginx front end writing the combined log format followed by {@code $request_time} in seconds:
 * {@code ip - - [time] "GET /path HTTP/1.1" status bytes "referer" "agent" 0.015}.
 */
final class NginxProfile implements LogProfile {

  private static final long serialVersionUID = 1L;
  private static final String[] PAGES = {
    "/", "/products/", "/products/", "/products/", "/cart", "/static/js/app.", "/static/css/site."
  };

  private final double medianLatencyMs;

  NginxProfile(double medianLatencyMs) {
    this.medianLatencyMs = medianLatencyMs;
  }

  @Override
  public void write(Unit unit, LogLines out) {
    SplittableRandom rng = unit.rng;
    int page = rng.nextInt(PAGES.length);
    double latency = Traffic.latencyMs(rng, medianLatencyMs, unit.slowdown());
    int status = Traffic.status(rng, unit.errorRate());
    if (status < 300) {
      status = page >= 5 && rng.nextInt(3) == 0 ? 304 : 200;
    }
    String method = page == 4 && rng.nextBoolean() ? "POST" : "GET";

    StringBuilder line = out.begin(unit.after((long) latency));
    Clients.ip(line, rng).append(" - - [");
    Text.clf(line, unit.timestamp).append("] \"").append(method).append(' ').append(PAGES[page]);
    if (page >= 1 && page <= 3) {
      line.append(1000 + rng.nextInt(9000));
    } else if (page >= 5) {
      Text.hex(line, rng, 8).append(page == 5 ? ".js" : ".css");
    }
    line.append(" HTTP/1.1\" ").append(status).append(' ');
    line.append(
        status == 304 ? 0 : status >= 400 ? 150 + rng.nextInt(400) : 800 + rng.nextInt(60_000));
    line.append(" \"");
    if (page == 0) {
      line.append('-');
    } else {
      line.append("https://shop.example.com/");
    }
    line.append("\" \"").append(Clients.userAgent(rng)).append("\" ");
    Text.fixed(line, latency / 1000, 3);
    out.commit();
  }
}
