package org.relais.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
          .hasMessageContaining("network.transport = \"io_uring\": expected a transport this system offers");
    }
  }

  @Test
  void shouldRefuseATransportItDoesNotKnow() {
    assertThatThrownBy(() -> new NetworkConfig("epoll")).isInstanceOf(ConfigException.class)
        .hasMessage("config: network.transport = \"epoll\": expected one of auto, io_uring, nio");
  }

  @Test
  void shouldStartOnNioWhenAutoFindsTheEventLoopsCannotStartOnIoUring() {
    List<Transport> tried = new ArrayList<>();
    Vertx nio = Vertx.vertx();
    try {
      NetworkTransport.Started started = NetworkTransport.start(new NetworkConfig("auto"), transport -> {
        tried.add(transport);
        if (transport == Transport.IO_URING) {
          throw new IllegalStateException("failed to create a child event loop: io_uring_setup: Cannot allocate memory");
        }
        return nio;
      });
      assertThat(started.transport()).isSameAs(Transport.NIO);
      assertThat(started.vertx()).isSameAs(nio);
      if (IO_URING) {
        assertThat(tried).containsExactly(Transport.IO_URING, Transport.NIO);
        assertThat(started.describe()).startsWith("nio (io_uring did not start: ")
            .contains("Cannot allocate memory");
      } else {
        assertThat(tried).containsExactly(Transport.NIO);
        assertThat(started.describe()).startsWith("nio (io_uring not offered: ");
      }
    } finally {
      nio.close().await();
    }
  }

  @Test
  void shouldFailTheStartWhenIoUringIsRequiredAndItsEventLoopsCannotStart() {
    NetworkConfig ioUring = new NetworkConfig("io_uring");
    if (IO_URING) {
      assertThatThrownBy(() -> NetworkTransport.start(ioUring, transport -> {
        throw new IllegalStateException("failed to create a child event loop");
      })).isInstanceOf(IllegalStateException.class).hasMessage("failed to create a child event loop");
    } else {
      assertThatThrownBy(() -> NetworkTransport.start(ioUring, transport -> Vertx.vertx()))
          .isInstanceOf(ConfigException.class);
    }
  }

  /** The whole gateway on each transport: a message through the HTTP API (an h2c upgrade) to the SMSC. */
  @ParameterizedTest
  @ValueSource(strings = {"nio", "auto"})
  void shouldCarryAMessageFromTheApiToTheSmscOnEachTransport(String setting, @TempDir Path dir) throws Exception {
    try (TestGateway relais = TestGateway.start(dir, Map.of("RELAIS_NETWORK_TRANSPORT", setting))) {
      assertThat(relais.gateway.transport()).isSameAs(
          setting.equals("nio") || !IO_URING ? Transport.NIO : Transport.IO_URING);
      HttpResponse<String> created = relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
          "{\"to\":\"+216 20 123 456\",\"text\":\"Coupure d'eau demain\"}");
      assertThat(created.statusCode()).isEqualTo(202);
      assertThat(relais.smsc.awaitTexts(1, 10_000).getFirst().text()).isEqualTo("Coupure d'eau demain");
    }
  }
}
