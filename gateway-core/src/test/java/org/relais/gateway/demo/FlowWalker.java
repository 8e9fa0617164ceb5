package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.MutableClock;
import org.relais.gateway.TestGateway;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.Channel;
import org.relais.gateway.cases.NewCase;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.telephony.IvrSetup;
import org.relais.gateway.telephony.ami.FakeAmi;
import org.relais.gateway.telephony.directory.InvoiceStatus;
import org.relais.ivr.flow.PromptCatalog;

/**
 * Walks the shipped flows as {@code ./relais call} does, against a whole gateway (store, core stub,
 * SMSC, and a fake Asterisk Manager for queue waits): each walk is a caller, a moment, the keys
 * typed, where the call must end and what the caller must hear. The calls table then says which
 * nodes the walks went through.
 */
final class FlowWalker implements AutoCloseable {

  /** A Wednesday, 11:00 in Tunis: open. */
  static final Instant OPEN = Instant.parse("2026-03-18T10:00:00Z");
  /** The same Wednesday, 20:00 in Tunis: closed. */
  static final Instant CLOSED = Instant.parse("2026-03-18T19:00:00Z");
  /** Friday 1 May 2026, 10:00 in Tunis: a public holiday. */
  static final Instant HOLIDAY = Instant.parse("2026-05-01T09:00:00Z");
  static final List<String> QUEUES = List.of("operator", "billing", "outages", "suppliers", "emergency", "accueil");

  /** One call: who, when, whether queues are long, the lines typed, the route expected and texts heard. */
  record Walk(String name, String caller, Instant at, boolean longWaits, String keys, String route, List<String> hear) {}

  final TestGateway relais;
  final FakeAmi ami;
  private final MutableClock clock = new MutableClock(OPEN);
  private final PromptCatalog prompts = PromptCatalog.load(ConfigLoader.embeddedHome().resolve("prompts"), "relais");
  private final AtomicInteger numbers = new AtomicInteger();
  private final Path dir;
  private int calls;

  FlowWalker(Path dir) throws Exception {
    this.dir = dir;
    this.ami = new FakeAmi("s3cret");
    this.relais = TestGateway.start(dir, Map.of("RELAIS_AMI_ENABLED", "true", "RELAIS_AMI_PORT",
        String.valueOf(ami.port()), "RELAIS_AMI_SECRET", "s3cret", "RELAIS_AMI_QUEUE_CACHE", "0s",
        "RELAIS_CALLBACKS_POLL", "10m"), clock);
    long end = System.currentTimeMillis() + 10_000;
    while (ami.logins() == 0 && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    var directory = relais.gateway.services().store().directory();
    directory.putAccount(Demo.ACCOUNT, Demo.ACCOUNT_NUMBER)
        .compose(v -> directory.putInvoice("2026000127", "SOTUPAP", InvoiceStatus.SCHEDULED, 1_250_000L))
        .compose(v -> directory.putInvoice("2026000135", "SOTUPAP", InvoiceStatus.PAID, 480_000L))
        .compose(v -> directory.putInvoice("2026000143", "ELECTRA", InvoiceStatus.REJECTED, 92_500L))
        .compose(v -> directory.putInvoice("2026000150", "ELECTRA", InvoiceStatus.PENDING, 310_000L))
        .await(10, TimeUnit.SECONDS);
  }

  /** A number no walk used before, so that the language question is asked. */
  String fresh() {
    return "+2162070" + String.format("%04d", numbers.incrementAndGet());
  }

  /** A case with the status the core reported (null: none yet); returns its tracking number. */
  String caseWithStatus(String status) throws Exception {
    CaseRecord c = relais.gateway.services().store().cases().create(new NewCase(Channel.SMS, "+21620999000", "fr",
        "water", "fuite", null, "test:" + status + ":" + numbers.incrementAndGet(), Instant.now()), 8, null)
        .await(10, TimeUnit.SECONDS);
    if (status != null) {
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relais.db"));
          Statement s = db.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        s.executeUpdate("UPDATE cases SET status = '" + status + "' WHERE id = '" + c.id() + "'");
      }
    }
    return c.trackingNumber();
  }

  /** Runs a walk and checks where it ended and what was heard; returns the screen. */
  String walk(String flow, Walk w) throws Exception {
    clock.set(w.at());
    for (String q : QUEUES) {
      if (w.longWaits()) {
        ami.queue(q, 2, 0, 8, 400, 300);
      } else {
        ami.queue(q, 2, 1, 0, 10, 120);
      }
    }
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    CallConsole console = new CallConsole(prompts, new BufferedReader(new StringReader(w.keys())),
        new PrintStream(screen, true, StandardCharsets.UTF_8));
    String route = console.call("127.0.0.1", relais.gateway.agiPort(), flow, w.caller());
    calls++;
    String text = screen.toString(StandardCharsets.UTF_8);
    assertThat(route).as(w.name() + "\n" + text).isEqualTo(w.route());
    for (String heard : w.hear()) {
      assertThat(text).as(w.name()).contains(heard);
    }
    return text;
  }

  /** The nodes of {@code flow} that no walk went through, once every call is logged. */
  Set<String> notVisited(String flow) throws Exception {
    TestGateway.await("every call logged", 10_000, () -> {
      try {
        return ((Number) relais.query("SELECT COUNT(*) AS n FROM calls").getFirst().get("n")).intValue() >= calls;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Set<String> visited = new HashSet<>();
    for (Map<String, Object> row : relais.query("SELECT path FROM calls WHERE flow = '" + flow + "'")) {
      visited.addAll(List.of(String.valueOf(row.get("path")).split(" ")));
    }
    Set<String> all = new HashSet<>(IvrSetup.load(ConfigLoader.embedded(Map.of())).flows().get(flow).nodes().keySet());
    all.removeAll(visited);
    return all;
  }

  static List<String> hear(String... texts) {
    return new ArrayList<>(List.of(texts));
  }

  @Override
  public void close() throws Exception {
    relais.close();
    ami.close();
  }
}
