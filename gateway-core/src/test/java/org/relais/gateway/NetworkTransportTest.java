package org.relais.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.transport.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.config.NetworkConfig;

/**
 * network.transport: each value gives the transport it names where this system offers it. Which
 * of io_uring's two cases a run checks depends on the machine; each case is checked where it holds.
 */
class NetworkTransportTest {

  private static final boolean IO_URING = Transport.IO_URING.available();

  @Test
  void shouldTakeIoUringWhereOfferedAndNioOtherwiseByDefault() {
    NetworkConfig embedded = ConfigLoader.embedded(Map.of()).network();
    assertThat(embedded.transport()).isEqualTo("auto");
    assertThat(NetworkTransport.of(embedded)).isSameAs(IO_URING ? Transport.IO_URING : Transport.NIO);
  }

  @Test
  void shouldUseNioWhenToldTo() {
    assertThat(NetworkTransport.of(new NetworkConfig("nio"))).isSameAs(Transport.NIO);
    assertThat(NetworkTransport.of(ConfigLoader.embedded(Map.of("RELAIS_NETWORK_TRANSPORT", "NIO")).network()))
        .isSameAs(Transport.NIO);
  }

  @Test
  void shouldUseIoUringWhenToldToOrRefuseToStartWhereItIsNotOffered() {
    NetworkConfig ioUring = new NetworkConfig("io_uring");
    if (IO_URING) {
      assertThat(NetworkTransport.of(ioUring)).isSameAs(Transport.IO_URING);
    } else {
      assertThatThrownBy(() -> NetworkTransport.of(ioUring)).isInstanceOf(ConfigException.class)
          .hasMessageContaining("network.transport = io_uring: expected a transport this system offers");
    }
  }

  @Test
  void shouldRefuseATransportItDoesNotKnow() {
    assertThatThrownBy(() -> new NetworkConfig("epoll")).isInstanceOf(ConfigException.class)
        .hasMessage("config: network.transport = \"epoll\": expected one of auto, io_uring, nio");
  }
}
