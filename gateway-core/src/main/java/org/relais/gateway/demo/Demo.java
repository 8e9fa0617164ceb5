package org.relais.gateway.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.relais.gateway.Gateway;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.telephony.directory.Directory;
import org.relais.gateway.telephony.directory.InvoiceStatus;

/**
 * A gateway wired to the demo peers: the SMSC simulator as its first bind and the core stub as its
 * core system. Ephemeral demos (for {@code ./relais call} and {@code ./relais sms} when no demo
 * runs, and for tests) use free ports and a store in a temporary folder.
 */
public final class Demo implements AutoCloseable {

  /** Tokens the demo's API accepts, unless RELAIS_API_TOKENS says otherwise. */
  public static final String TOKENS = "demo-admin-token:admin,demo-sender-token:sender,demo-core-token:core";

  private final DemoPeers peers;
  private final Gateway gateway;
  private final Path tempDir;

  private Demo(DemoPeers peers, Gateway gateway, Path tempDir) {
    this.peers = peers;
    this.gateway = gateway;
    this.tempDir = tempDir;
  }

  /**
   * Starts the peers, then a gateway whose configuration {@code load} reads with the environment
   * it is given (the demo's overrides on top of {@code env}).
   */
  public static Demo start(RelaisConfig base, Map<String, String> env, Function<Map<String, String>, RelaisConfig> load,
      boolean ephemeral) throws Exception {
    Path temp = ephemeral ? Files.createTempDirectory("relais-demo") : null;
    List<String> services = base.cases().categories().stream().map(c -> c.serviceCode()).filter(c -> c != null)
        .toList();
    DemoPeers peers = DemoPeers.start(ephemeral ? 0 : base.demo().smscPort(), ephemeral ? 0 : base.demo().peersPort(),
        base.demo().shortCode(), services.isEmpty() ? List.of("general") : services);
    try {
      Map<String, String> overrides = new HashMap<>(env);
      overrides.put("RELAIS_SMPP_HOST", "127.0.0.1");
      overrides.put("RELAIS_SMPP_PORT", String.valueOf(peers.smscPort()));
      overrides.put("RELAIS_SMPP_SOURCE_ADDR", base.demo().shortCode());
      boolean open311 = base.core().isOpen311();
      overrides.put("RELAIS_CORE_BASE_URL", open311 ? peers.open311BaseUrl() : peers.coreBaseUrl());
      if (open311) {
        overrides.putIfAbsent("RELAIS_CORE_POLL_INTERVAL", "2s");
      }
      overrides.putIfAbsent("RELAIS_API_TOKENS", TOKENS);
      if (ephemeral) {
        overrides.put("RELAIS_HTTP_PORT", "0");
        overrides.put("RELAIS_AGI_PORT", "0");
        overrides.put("RELAIS_STORE_PATH", temp.resolve("relais.db").toString());
      } else {
        overrides.putIfAbsent("RELAIS_STORE_PATH", "data/relais-demo.db");
      }
      RelaisConfig config = load.apply(overrides);
      Gateway gateway = Gateway.start(config);
      peers.webhook("http://127.0.0.1:" + gateway.httpPort(), coreToken(config));
      if (!gateway.services().connector().awaitBound(java.time.Duration.ofSeconds(15))) {
        gateway.close();
        throw new IllegalStateException("the gateway did not bind to the SMSC simulator within 15 s");
      }
      seed(gateway.services().store().directory());
      return new Demo(peers, gateway, temp);
    } catch (Exception e) {
      peers.close();
      throw e;
    }
  }

  /** A token with the core role, for the core stub's webhook calls. */
  private static String coreToken(RelaisConfig config) {
    for (String entry : config.api().tokens().split(",")) {
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.substring(colon + 1).contains("core")) {
        return entry.substring(0, colon).trim();
      }
    }
    return "";
  }

  /** The demo's customer account (Luhn check digit) and the number it calls from. */
  public static final String ACCOUNT = "79927398713";
  public static final String ACCOUNT_NUMBER = "+21620123456";

  /** Sample accounts and suppliers' invoices for the hotline's look-ups. */
  private static void seed(Directory directory) throws Exception {
    directory.putAccount(ACCOUNT, ACCOUNT_NUMBER)
        .compose(v -> directory.putInvoice("2026000127", "SOTUPAP", InvoiceStatus.SCHEDULED, 1_250_000L))
        .compose(v -> directory.putInvoice("2026000135", "SOTUPAP", InvoiceStatus.PAID, 480_000L))
        .compose(v -> directory.putInvoice("2026000143", "ELECTRA", InvoiceStatus.REJECTED, 92_500L))
        .compose(v -> directory.putInvoice("2026000150", "ELECTRA", InvoiceStatus.PENDING, 310_000L))
        .await(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** What the demo's data lets a caller try, for the banner. */
  public static String sampleData() {
    return "account " + ACCOUNT + " (calls from " + ACCOUNT_NUMBER + "); supplier invoices 2026000127 (scheduled),"
        + " 2026000135 (paid), 2026000143 (rejected), 2026000150 (pending)";
  }

  public DemoPeers peers() {
    return peers;
  }

  public Gateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    gateway.close();
    peers.close();
    if (tempDir != null) {
      try (var files = Files.walk(tempDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.IOException e) {
        // a leftover temporary folder is harmless
      }
    }
  }
}
