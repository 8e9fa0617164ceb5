package org.relais.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.function.Function;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.NetworkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Vert.x transport {@code network.transport} names, as this system offers it. */
public final class NetworkTransport {

  private static final Logger log = LoggerFactory.getLogger(NetworkTransport.class);

  private NetworkTransport() {}

  /** A Vert.x and the transport its event loops run on; {@code fallback} says why auto took NIO, or is null. */
  public record Started(Vertx vertx, Transport transport, String fallback) {

    /** The transport's name, and why NIO when auto fell back to it. */
    public String describe() {
      return fallback == null ? transport.name() : transport.name() + " (" + fallback + ")";
    }
  }

  /**
   * io_uring when asked for or left to {@code auto} and the kernel offers it (Linux on x86-64, not
   * disabled by {@code kernel.io_uring_disabled} nor by a seccomp profile); JDK NIO when asked for
   * or when {@code auto} finds no io_uring. Asking for io_uring where there is none stops the start.
   */
  public static Transport of(NetworkConfig network) {
    return switch (network.transport()) {
      case "nio" -> Transport.NIO;
      case "io_uring" -> {
        if (!ioUringOffered()) {
          throw new ConfigException("network.transport", "io_uring",
              "a transport this system offers: io_uring is not (" + whyNot() + "); auto falls back to nio");
        }
        yield Transport.IO_URING;
      }
      default -> ioUringOffered() ? Transport.IO_URING : Transport.NIO;
    };
  }

  /** A Vert.x with {@code options} on the transport {@code network} names ({@link #of}). */
  public static Started start(VertxOptions options, NetworkConfig network) {
    return start(network, transport -> Vertx.builder().with(options).withTransport(transport).build());
  }

  /**
   * As {@link #start(VertxOptions, NetworkConfig)}, with Vert.x built by {@code build}. The kernel
   * may offer io_uring and still refuse the rings of the event loops (the memory a process may
   * lock, its limits in a container): {@code auto} then starts on NIO, saying why; an explicit
   * {@code io_uring} fails the start.
   */
  static Started start(NetworkConfig network, Function<Transport, Vertx> build) {
    Transport transport = of(network);
    boolean auto = network.transport().equals("auto");
    if (transport == Transport.NIO) {
      return new Started(build.apply(transport), transport, auto ? "io_uring not offered: " + whyNot() : null);
    }
    try {
      return new Started(build.apply(transport), transport, null);
    } catch (RuntimeException | LinkageError e) {
      if (!auto) {
        throw e;
      }
      log.warn("network.transport auto: the kernel offers io_uring but the event loops could not start on it ({});"
          + " starting on NIO", e.toString());
      return new Started(build.apply(Transport.NIO), Transport.NIO, "io_uring did not start: " + e);
    }
  }

  private static boolean ioUringOffered() {
    return Transport.IO_URING != null && Transport.IO_URING.available();
  }

  /** Why io_uring is not offered here, as the transport says. */
  public static String whyNot() {
    if (Transport.IO_URING == null) {
      return "Netty's io_uring transport is not on the class path";
    }
    Throwable cause = Transport.IO_URING.unavailabilityCause();
    return cause == null ? "no reason given" : String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
  }
}
