package org.relais.gateway.telephony.ami;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An AMI capture from ../shared/fixtures/asterisk (copied under src/test/resources/telephony/asterisk):
 * its connections, each a list of rows sent by Asterisk ({@code <-}) or by the client ({@code ->}),
 * and whether Asterisk closed it.
 */
record AmiTranscript(String name, List<Connection> connections) {

  /** One row of traffic: the exact text without its CR LF. */
  record Row(boolean fromAsterisk, String text) {}

  /** One TCP connection. */
  record Connection(String title, List<Row> rows, boolean closedByAsterisk) {}

  static AmiTranscript load(String file) throws IOException {
    try (InputStream in = AmiTranscript.class.getResourceAsStream("/telephony/asterisk/" + file)) {
      if (in == null) {
        throw new IOException("no fixture " + file);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Connection> connections = new ArrayList<>();
      String title = file;
      List<Row> rows = new ArrayList<>();
      boolean closed = false;
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("# ==== CONNECTION")) {
          if (!rows.isEmpty()) {
            connections.add(new Connection(title, rows, closed));
          }
          title = line.substring(2);
          rows = new ArrayList<>();
          closed = false;
          continue;
        }
        if (line.startsWith("#") && line.contains("connection closed by Asterisk")) {
          closed = true;
          continue;
        }
        int arrow = line.indexOf(" <-");
        int out = line.indexOf(" ->");
        if (!line.startsWith("+") || arrow < 0 && out < 0) {
          continue;
        }
        boolean fromAsterisk = arrow >= 0 && (out < 0 || arrow < out);
        String rest = line.substring((fromAsterisk ? arrow : out) + 3);
        rows.add(new Row(fromAsterisk, rest.startsWith(" ") ? rest.substring(1) : rest));
      }
      if (!rows.isEmpty()) {
        connections.add(new Connection(title, rows, closed));
      }
      return new AmiTranscript(file, connections);
    }
  }
}
