package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.relais.sms.InvalidSettingException;

class RouteTableTest {

  private static final List<BindConfig> BINDS = List.of(
      BindConfig.builder("orange-1", "127.0.0.1", 2775, "r").group("orange").build(),
      BindConfig.builder("orange-2", "127.0.0.1", 2775, "r").group("orange").build(),
      BindConfig.builder("ooredoo", "127.0.0.1", 2776, "r").group("ooredoo").build());

  private static final RouteTable TABLE = RouteTable.of(List.of(
      new Route("+2165", List.of("orange", "ooredoo")),
      new Route("21620", List.of("ooredoo")),
      new Route("+2162", List.of("ooredoo", "orange"))), BINDS);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "+21650123456,   orange|ooredoo",
    "0021651000000,  orange|ooredoo",
    "+21620123456,   ooredoo",
    "+21622123456,   ooredoo|orange",
    "21629000000,    ooredoo|orange",
    "+33612345678,   -",
  })
  void shouldPickTheLongestMatchingPrefix(String destination, String groups) {
    assertThat(TABLE.groupsFor(destination).map(g -> String.join("|", g)).orElse("-")).isEqualTo(groups);
  }

  @Test
  void shouldSendEverywhereInBindOrderWithoutRoutes() {
    RouteTable none = RouteTable.of(List.of(), BINDS);
    assertThat(none.groupsFor("+33612345678")).contains(List.of("orange", "ooredoo"));
  }

  @Test
  void shouldRefuseARouteToAnUnknownGroupOrATwiceUsedPrefix() {
    assertThatThrownBy(() -> RouteTable.of(List.of(new Route("+216", List.of("sfr"))), BINDS))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("routes[0].groups"));
    assertThatThrownBy(() -> RouteTable.of(List.of(new Route("+216", List.of("orange")),
        new Route("216", List.of("ooredoo"))), BINDS))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("routes[1].prefix"));
    assertThatThrownBy(() -> new Route("+21a", List.of("orange"))).isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> new Route("+216", List.of())).isInstanceOf(InvalidSettingException.class);
  }
}
