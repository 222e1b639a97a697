package io.logpulse.parse;

import java.util.Locale;

/** The seven values of {@code ServiceEvent.format}: which shape a log event's message had. */
enum LogFormat {
  JSON,
  NGINX,
  APACHE,
  LAMBDA,
  APIGATEWAY,
  CLOUDTRAIL,
  TEXT;

  /** The lower-case name written to {@code ServiceEvent.format}. */
  final String id = name().toLowerCase(Locale.ROOT);
}
