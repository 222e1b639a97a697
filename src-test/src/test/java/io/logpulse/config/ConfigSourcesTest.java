package io.logpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration files that cannot be used say why, naming the file, line and column. */
class ConfigSourcesTest {

  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  @TempDir Path dir;

  private Path write(String name, byte[]... parts) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, new byte[0]);
    for (byte[] part : parts) {
      Files.write(file, part, java.nio.file.StandardOpenOption.APPEND);
    }
    return file;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void invalidJsonGivesTheParsersMessageWithLineAndColumn() throws Exception {
    Path file = write("bad.json", utf8("{\n  \"window\": {\"size\": \"1m\",}\n}"));

    assertThatThrownBy(() -> ConfigSources.fromFile(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "configuration file " + file + " is not valid JSON (line 2, column 27): ")
        .hasMessageContaining("Unexpected character ('}'");
  }

  @Test
  void textAfterTheJsonObjectAndKeysSetTwiceAreRejected() throws Exception {
    Path trailing = write("trailing.json", utf8("{\"window.size\": \"1m\"} {}"));
    Path duplicate =
        write("twice.json", utf8("{\"window.size\": \"1m\",\n\"window.size\": \"2m\"}"));
    Path nested =
        write("nested.json", utf8("{\"window\": {\"size\": \"1m\"}, \"window.size\": \"2m\"}"));

    assertThatThrownBy(() -> ConfigSources.fromFile(trailing))
        .hasMessageContaining("is not valid JSON (line 1, column");
    assertThatThrownBy(() -> ConfigSources.fromFile(duplicate))
        .hasMessageContaining("is not valid JSON (line 2, column")
        .hasMessageContaining("Duplicate field 'window.size'");
    assertThatThrownBy(() -> ConfigSources.fromFile(nested))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("window.size is set twice");
  }

  @Test
  void aMissingFileOrAFolderIsSaidSo() {
    Path missing = dir.resolve("absent.properties");

    assertThatThrownBy(() -> ConfigSources.fromFile(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration file " + missing + ": no such file");
    assertThatThrownBy(() -> ConfigSources.fromFile(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration file " + dir + " is a folder, not a file");
  }

  @Test
  void aUtf8ByteOrderMarkIsSkippedInJsonAndPropertiesFiles() throws Exception {
    Path json = write("bom.json", BOM, utf8("{\"window\": {\"size\": \"2m\"}}"));
    Path properties = write("bom.properties", BOM, utf8("window.size=3m\n"));

    assertThat(ConfigSources.fromFile(json))
        .containsExactly(java.util.Map.entry("window.size", "2m"));
    assertThat(ConfigSources.fromFile(properties))
        .containsExactly(java.util.Map.entry("window.size", "3m"));
  }

  @Test
  void propertiesAreReadAsUtf8AndLatin1FilesStillLoad() throws Exception {
    Path utf8 = write("utf8.properties", utf8("cloudwatch.namespace=caf\u00e9\n"));
    Path latin1 =
        write(
            "latin1.properties",
            "cloudwatch.namespace=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(ConfigSources.fromFile(utf8)).containsEntry("cloudwatch.namespace", "caf\u00e9");
    assertThat(ConfigSources.fromFile(latin1)).containsEntry("cloudwatch.namespace", "caf\u00e9");
  }

  @Test
  void aMalformedUnicodeEscapeInAPropertiesFileNamesItsLine() throws Exception {
    Path file =
        write(
            "escape.properties",
            utf8("window.size=1m\n# C:\\\\users is fine\noutput.path=C:\\users\\me\n"));

    assertThatThrownBy(() -> ConfigSources.fromFile(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "configuration file " + file + ", line 3: Malformed \\uxxxx encoding")
        .hasMessageContaining("write a backslash as \\\\");
  }
}
