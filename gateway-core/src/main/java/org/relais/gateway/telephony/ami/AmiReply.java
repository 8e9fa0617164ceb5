package org.relais.gateway.telephony.ami;

import java.util.List;

/** The answer to an action: its response packet, and for a list action the events of the list in order. */
public record AmiReply(AmiPacket response, List<AmiPacket> items) {

  public AmiReply {
    items = List.copyOf(items);
  }
}
