package org.relais.gateway.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The figures of the reliability suite (counts, not times asserted): printed and appended to
 * {@code target/reliability-figures.txt}, where docs/RELIABILITY.md takes them from.
 */
final class Figures {

  private static final Path FILE = Path.of("target", "reliability-figures.txt");

  private Figures() {}

  static synchronized void record(String test, String line) {
    String text = Instant.now() + " " + test + ": " + line + System.lineSeparator();
    System.out.print(text);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("figures not written: " + e);
    }
  }
}
