package org.relais.gateway.alerts.cap;

/** A CAP message that cannot be read or breaks the specification; {@code path} names the element, such as {@code alert/info[0]/area[1]/polygon[0]}. */
public final class CapException extends RuntimeException {

  private final String path;

  public CapException(String path, String message) {
    super(path + ": " + message, null, false, false);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
