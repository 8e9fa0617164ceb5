package org.relais.gateway.telephony.agi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A FastAGI capture from ../shared/fixtures/asterisk (copied under src/test/resources/telephony/asterisk):
 * its sessions, each a list of rows sent by Asterisk ({@code <-}) or by the server ({@code ->}).
 */
record AgiTranscript(String name, List<Session> sessions) {

  /** One row of traffic: {@code fromAsterisk} for {@code <-}, the exact text without its terminator. */
  record Row(boolean fromAsterisk, String text) {}

  /** One TCP connection. */
  record Session(String title, List<Row> rows) {

    /** The agi_* block and its blank line: Asterisk's rows before the first command. */
    List<String> environment() {
      List<String> env = new ArrayList<>();
      for (Row row : rows) {
        if (!row.fromAsterisk()) {
          break;
        }
        env.add(row.text());
      }
      return env;
    }

    /** The commands the server sent, in order. */
    List<String> commands() {
      return rows.stream().filter(r -> !r.fromAsterisk()).map(Row::text).toList();
    }

    /** What Asterisk sent after the {@code index}-th command, up to the next command. */
    List<String> answerTo(int index) {
      List<String> out = new ArrayList<>();
      int seen = -1;
      for (Row row : rows) {
        if (!row.fromAsterisk()) {
          seen++;
          if (seen > index) {
            break;
          }
        } else if (seen == index) {
          out.add(row.text());
        }
      }
      return out;
    }
  }

  static AgiTranscript load(String file) throws IOException {
    try (InputStream in = AgiTranscript.class.getResourceAsStream("/telephony/asterisk/" + file)) {
      if (in == null) {
        throw new IOException("no fixture " + file);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Session> sessions = new ArrayList<>();
      String title = file;
      List<Row> rows = new ArrayList<>();
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("# ==== SESSION")) {
          if (!rows.isEmpty()) {
            sessions.add(new Session(title, rows));
          }
          title = line.substring(2);
          rows = new ArrayList<>();
          continue;
        }
        int arrow = line.indexOf(" <-");
        int out = line.indexOf(" ->");
        if (!line.startsWith("+") || arrow < 0 && out < 0) {
          continue;
        }
        boolean fromAsterisk = arrow >= 0 && (out < 0 || arrow < out);
        int at = fromAsterisk ? arrow : out;
        String rest = line.substring(at + 3);
        rows.add(new Row(fromAsterisk, rest.startsWith(" ") ? rest.substring(1) : rest));
      }
      if (!rows.isEmpty()) {
        sessions.add(new Session(title, rows));
      }
      return new AgiTranscript(file, sessions);
    }
  }
}
