package org.relais.gateway;

import io.vertx.core.transport.Transport;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.NetworkConfig;

/** The Vert.x transport {@code network.transport} names, as this system offers it. */
public final class NetworkTransport {

  private NetworkTransport() {}

  /**
   * io_uring when asked for or left to {@code auto} and the kernel offers it (Linux on x86-64, not
   * disabled by {@code kernel.io_uring_disabled} nor by a seccomp profile); JDK NIO when asked for
   * or when {@code auto} finds no io_uring. Asking for io_uring where there is none stops the start.
   */
  public static Transport of(NetworkConfig network) {
    return switch (network.transport()) {
      case "nio" -> Transport.NIO;
      case "io_uring" -> {
        if (!Transport.IO_URING.available()) {
          throw new ConfigException("network.transport", "io_uring",
              "a transport this system offers: io_uring is not (" + whyNot() + "); auto falls back to nio");
        }
        yield Transport.IO_URING;
      }
      default -> Transport.IO_URING.available() ? Transport.IO_URING : Transport.NIO;
    };
  }

  /** Why io_uring is not offered here, as the transport says. */
  public static String whyNot() {
    Throwable cause = Transport.IO_URING.unavailabilityCause();
    return cause == null ? "no reason given" : String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
  }
}
