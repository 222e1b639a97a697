package io.logpulse.config;

/** A configuration key that is unknown or has a value that cannot be used. */
public final class ConfigException extends IllegalArgumentException {

  public ConfigException(String message) {
    super(message);
  }
}
