package io.logpulse.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * The text of an error event that template mining reads. A structured (JSON) log line's template is
 * in its message field, not in its keys and values: for a JSON object with a top-level string field
 * {@code message}, {@code msg} or {@code errorMessage} this is that field, followed on a new line
 * by a stack trace or exception field ({@code stack_trace}, {@code stackTrace}, {@code exception},
 * {@code errorType}) when there is one; for anything else, the message as it is.
 */
public final class ErrorText {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> MESSAGE_FIELDS = Set.of("message", "msg", "errorMessage");
  private static final Set<String> EXCEPTION_FIELDS =
      Set.of("stack_trace", "stackTrace", "exception", "errorType");

  private ErrorText() {}

  /** What to mine of {@code message}; never throws. */
  public static String of(String message) {
    int start = 0;
    while (start < message.length() && Character.isWhitespace(message.charAt(start))) {
      start++;
    }
    if (start == message.length() || message.charAt(start) != '{') {
      return message;
    }
    String text = null;
    String exception = null;
    try (JsonParser parser = JSON.createParser(message)) {
      parser.nextToken();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          if (text == null && MESSAGE_FIELDS.contains(name)) {
            text = parser.getText();
          } else if (exception == null && EXCEPTION_FIELDS.contains(name)) {
            exception = parser.getText();
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      // A line cut short or not JSON after all: what was read so far is still the best text.
    }
    if (text == null) {
      return message;
    }
    return exception == null ? text : text + "\n" + exception;
  }
}
