package org.relais.gateway.alerts.cap;

import java.time.OffsetDateTime;
import java.util.List;
import org.relais.gateway.alerts.cap.CapEnums.MsgType;
import org.relais.gateway.alerts.cap.CapEnums.Scope;
import org.relais.gateway.alerts.cap.CapEnums.Status;

/**
 * A CAP 1.2 {@code alert}: who sent what and when, its status and type, the earlier messages an
 * Update or Cancel refers to, and its {@code info} blocks (one per language, usually).
 */
public record CapAlert(
    String identifier, String sender, OffsetDateTime sent, Status status, MsgType msgType, String source, Scope scope,
    String restriction, String addresses, List<String> codes, String note, List<Reference> references,
    String incidents, List<CapInfo> infos) {

  public CapAlert {
    codes = List.copyOf(codes);
    references = List.copyOf(references);
    infos = List.copyOf(infos);
  }

  /** An earlier message named by {@code references}: {@code sender,identifier,sent}. */
  public record Reference(String sender, String identifier, String sent) {
    public String text() {
      return sender + "," + identifier + "," + sent;
    }
  }

  /** True for the statuses that reach only testers. */
  public boolean forTestersOnly() {
    return status == Status.Test || status == Status.Exercise;
  }

  /** The CAP text of {@code sent}, with its offset ({@code 2026-11-23T14:05:00+01:00}). */
  public String sentText() {
    return CapReader.formatTime(sent);
  }
}
