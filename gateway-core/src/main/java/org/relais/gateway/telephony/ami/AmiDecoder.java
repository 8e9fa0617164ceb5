package org.relais.gateway.telephony.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts the AMI byte stream, already split into lines, into packets: the banner line first
 * ({@code Asterisk Call Manager/<version>}), then {@code Key: Value} lines up to a blank line. A line
 * without a colon (the output of a {@code Command}) is kept with an empty key. A packet of more
 * than {@code maxLines} lines is a fault of the peer.
 */
final class AmiDecoder {

  /** What the decoder hands on: the banner's version, or a packet. */
  interface Listener {
    void banner(String version);

    void packet(AmiPacket packet);
  }

  private final Listener listener;
  private final int maxLines;
  private final Consumer<String> fault;
  private final List<AmiPacket.Field> fields = new ArrayList<>();
  private boolean bannerSeen;

  AmiDecoder(Listener listener, int maxLines, Consumer<String> fault) {
    this.listener = listener;
    this.maxLines = maxLines;
    this.fault = fault;
  }

  /** One line without its terminator ({@code \r} is dropped here). */
  void line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (!bannerSeen) {
      if (!line.startsWith("Asterisk Call Manager/")) {
        fault.accept("not an Asterisk Manager banner: " + printable(line));
        return;
      }
      bannerSeen = true;
      listener.banner(line.substring("Asterisk Call Manager/".length()));
      return;
    }
    if (line.isEmpty()) {
      if (!fields.isEmpty()) {
        AmiPacket packet = new AmiPacket(fields);
        fields.clear();
        listener.packet(packet);
      }
      return;
    }
    if (fields.size() >= maxLines) {
      fault.accept("a packet of more than " + maxLines + " lines");
      return;
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      fields.add(new AmiPacket.Field("", line));
    } else {
      String value = line.substring(colon + 1);
      fields.add(new AmiPacket.Field(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
    }
  }

  static String printable(String line) {
    String cut = line.length() > 60 ? line.substring(0, 60) + "…" : line;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
