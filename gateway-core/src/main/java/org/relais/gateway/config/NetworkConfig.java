package org.relais.gateway.config;

import java.util.List;

/**
 * How the gateway's own sockets are driven (the HTTP API, the FastAGI server, the AMI client, the
 * core system's client; the SMPP binds have blocking sockets of their own): {@code auto} takes the
 * kernel's io_uring where it is offered and JDK NIO otherwise, {@code io_uring} requires it,
 * {@code nio} never uses it.
 */
public record NetworkConfig(String transport) {

  public static final List<String> TRANSPORTS = List.of("auto", "io_uring", "nio");

  public NetworkConfig {
    transport = Settings.oneOf("network.transport", transport, "auto", TRANSPORTS);
  }
}
