package org.relais.gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.demo.CallConsole;
import org.relais.gateway.demo.Demo;
import org.relais.ivr.flow.FlowException;
import org.relais.ivr.flow.PromptCatalog;

/** The command line: {@code relais demo | run | check | call | sms | help}. */
public final class Main {

  private static final String USAGE = """
      Relais, the telephony and SMS gateway between citizens and their administration.

      usage: relais <command> [options]

        demo [--config FILE]          run the gateway with an SMSC simulator and a core-system stub
        run [--config FILE]           run the gateway (embedded defaults when no --config)
        check [--config FILE]         read and validate the configuration, flows and templates, then exit
        call FLOW [--from MSISDN]     play a call to an IVR flow in this terminal (as Asterisk would)
        sms FROM TEXT                 send a text as a citizen through the demo and print the reply
        bench agi [--calls N] [--rate N] [--seconds N] [--heap 512m] [--server relais|asterisk-java|both] [--jvm OPTS]
                                      FastAGI load: calls held, setups/s, round trip, heap per call
        bench sms [N]                 N messages through the whole SMS path, beside a bare jSMPP client
        bench batch [N] [--send]      a batch of N bills streamed to the API: read and staged, then sent
        bench alert [--subscribers N] [--share 0.1] [--tps N] [--seconds N]
                                      targeting, enqueue and send rate of one CAP alert over N subscribers
        test                          run the test suite (launcher only)
        fuzz                          fuzz each parser for about 10 s (launcher only)
        help                          this text

      Every configuration key can be overridden with RELAIS_<SECTION>_<KEY>; see docs/CONFIGURATION.md.
      """;

  private Main() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    String command = rest.isEmpty() ? "help" : rest.removeFirst();
    if (command.equals("call") || command.equals("sms") || command.equals("bench")) {
      System.setProperty("relais.log.level", "WARN");
    }
    try {
      int code = switch (command) {
        case "demo" -> demo(rest);
        case "run" -> run(rest);
        case "check" -> check(rest);
        case "call" -> call(rest);
        case "sms" -> sms(rest);
        case "bench" -> bench(rest);
        case "help", "--help", "-h" -> {
          System.out.print(USAGE);
          yield 0;
        }
        default -> {
          System.err.println("relais: unknown command '" + command + "'\n");
          System.err.print(USAGE);
          yield 2;
        }
      };
      System.exit(code);
    } catch (ConfigException | FlowException e) {
      System.err.println("relais: " + e.getMessage());
      System.exit(2);
    } catch (UsageException e) {
      System.err.println("relais: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("relais: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }

  private static Function<Map<String, String>, RelaisConfig> loader(List<String> args) {
    String file = option(args, "--config");
    return env -> file == null ? ConfigLoader.embedded(env) : ConfigLoader.load(Path.of(file), env);
  }

  private static int run(List<String> args) throws Exception {
    RelaisConfig config = loader(args).apply(System.getenv());
    noMoreArguments(args);
    if (config.api().parsedTokens().isEmpty()) {
      System.err.println("relais: no API tokens configured (api.tokens / RELAIS_API_TOKENS): the API answers 401 to all");
    }
    Gateway gateway = Gateway.start(config);
    awaitShutdown(gateway::close);
    return 0;
  }

  private static int check(List<String> args) throws Exception {
    RelaisConfig config = loader(args).apply(System.getenv());
    noMoreArguments(args);
    var flows = org.relais.gateway.telephony.IvrSetup.load(config).flows();
    org.relais.gateway.templates.Templates.load(config.resolve("templates/sms.yaml"), config.sms().languages());
    org.relais.gateway.notify.Notifications.loadTemplates(config);
    System.out.println("configuration OK: " + flows.size() + " flows " + flows.keySet() + ", "
        + config.smpp().binds().size() + " SMSC binds, core " + config.core().protocol() + " at "
        + config.core().baseUrl());
    return 0;
  }

  private static int demo(List<String> args) throws Exception {
    Function<Map<String, String>, RelaisConfig> load = loader(args);
    RelaisConfig base = load.apply(System.getenv());
    noMoreArguments(args);
    Demo demo = Demo.start(base, System.getenv(), load, false);
    RelaisConfig config = demo.gateway().services().config();
    PrintStream out = System.out;
    out.printf("""

        Relais demo is running.
          HTTP API      http://127.0.0.1:%d   (GET /health; tokens: demo-admin-token, demo-sender-token)
          FastAGI       agi://127.0.0.1:%d/hotline  (flows: %s)
          IVR data      %s
          SMSC sim      smpp://127.0.0.1:%d  (short code %s)
          core system   %s  (%s; RELAIS_CORE_PROTOCOL=open311 for the other contract)
          store         %s

        Try, from another terminal:
          ./relais sms +21620123456 "PLAINTE fuite d'eau rue de Marseille"
          ./relais sms +21620123456 "SUIVI <the tracking number>"
          ./relais call hotline --from +21620123456
          ./relais call mairie --from +21620123456
          curl -s -H 'Content-Type: application/json' -d '{"status":"in_progress","note":"Equipe en route"}' \\
               http://127.0.0.1:%d/demo/cases/%s/status       (the core changes the case; the citizen is told)
          curl -s -H 'Authorization: Bearer demo-sender-token' -H 'Content-Type: application/json' \\
               -d '{"to":"+21620123456","text":"Coupure d''eau demain de 8h à 12h"}' http://127.0.0.1:%d/api/v1/messages
          curl -s -H 'Authorization: Bearer demo-admin-token' http://127.0.0.1:%d/api/v1/indicators
          curl -s http://127.0.0.1:%d/health

        Ctrl-C stops it.
        """, demo.gateway().httpPort(), demo.gateway().agiPort(), flowNames(config), Demo.sampleData(),
        demo.peers().smscPort(), config.demo().shortCode(), config.core().baseUrl(), config.core().protocol(),
        config.store().path(), demo.peers().httpPort(), config.core().isOpen311() ? "638344" : "C-000001",
        demo.gateway().httpPort(), demo.gateway().httpPort(), demo.gateway().httpPort());
    awaitShutdown(demo::close);
    return 0;
  }

  private static String flowNames(RelaisConfig config) throws Exception {
    try (var files = Files.list(config.resolve(config.ivr().flows()))) {
      return String.join(", ", files.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList());
    }
  }

  private static int call(List<String> args) throws Exception {
    String from = option(args, "--from");
    Function<Map<String, String>, RelaisConfig> load = loader(args);
    RelaisConfig config = load.apply(System.getenv());
    if (args.size() != 1) {
      throw new UsageException("usage: relais call FLOW [--from MSISDN] [--config FILE]");
    }
    String flow = args.getFirst();
    PromptCatalog prompts = PromptCatalog.load(config.resolve(config.ivr().prompts()), config.ivr().soundPrefix());
    CallConsole console = new CallConsole(prompts,
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    String caller = from == null ? "" : from;
    try {
      console.call("127.0.0.1", config.agi().port(), flow, caller);
    } catch (ConnectException e) {
      System.out.println("(no gateway answers on port " + config.agi().port() + "; starting a temporary demo)");
      try (Demo demo = Demo.start(config, System.getenv(), load, true)) {
        System.out.println("(demo data: " + Demo.sampleData() + ")");
        Runnable stop = demo.peers().smsc().onSubmitted(m -> System.out.println("  ✉  SMS to " + m.destination() + ": "
            + m.text()));
        try {
          console.call("127.0.0.1", demo.gateway().agiPort(), flow, caller);
          Thread.sleep(1500);
        } finally {
          stop.run();
        }
      }
    }
    return 0;
  }

  private static int bench(List<String> args) throws Exception {
    String what = args.isEmpty() ? "" : args.removeFirst();
    return switch (what) {
      case "agi" -> org.relais.gateway.bench.AgiBench.fromArgs(args, System.out).run();
      case "sms" -> org.relais.gateway.bench.SmsBench.run(args);
      case "batch" -> org.relais.gateway.bench.BatchBench.run(args);
      case "alert" -> org.relais.gateway.bench.AlertBench.run(args);
      default -> throw new UsageException("usage: relais bench agi [--calls N] [--rate N] [--seconds N] [--heap 512m]"
          + " [--server relais|asterisk-java|both] [--jvm OPTS] | relais bench sms [N]"
          + " | relais bench batch [N] [--send] | relais bench alert [--subscribers N] [--share 0.1] [--tps N] [--seconds N]");
    };
  }

  private static int sms(List<String> args) throws Exception {
    Function<Map<String, String>, RelaisConfig> load = loader(args);
    RelaisConfig config = load.apply(System.getenv());
    if (args.size() != 2) {
      throw new UsageException("usage: relais sms FROM TEXT   (e.g. relais sms +21620123456 \"PLAINTE fuite d'eau\")");
    }
    String from = args.get(0);
    String text = args.get(1);
    List<String> replies;
    try {
      replies = postToDemo(config.demo().peersPort(), from, text);
    } catch (ConnectException e) {
      System.out.println("(no demo answers on port " + config.demo().peersPort() + "; starting a temporary demo)");
      try (Demo demo = Demo.start(config, System.getenv(), load, true)) {
        replies = demo.peers().deliverAndCollect(from, text);
      }
    }
    System.out.println(from + " → " + text);
    if (replies.isEmpty()) {
      System.out.println("(no reply)");
    }
    for (String reply : replies) {
      System.out.println(from + " ← " + reply);
    }
    return replies.isEmpty() ? 1 : 0;
  }

  private static List<String> postToDemo(int port, String from, String text) throws Exception {
    String body = new io.vertx.core.json.JsonObject().put("from", from).put("text", text).encode();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/demo/sms"))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(response.body());
      if (response.statusCode() != 200) {
        throw new UsageException("the demo refused the text: " + json.getString("error"));
      }
      List<String> replies = new ArrayList<>();
      json.getJsonArray("replies").forEach(r -> replies.add(String.valueOf(r)));
      return replies;
    }
  }

  private static void awaitShutdown(Runnable close) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      close.run();
      stopped.countDown();
    }, "relais-shutdown"));
    stopped.await();
  }

  /** Removes {@code name VALUE} from the arguments and returns the value. */
  static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0) {
      return null;
    }
    if (i + 1 >= args.size()) {
      throw new UsageException(name + " needs a value");
    }
    String value = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return value;
  }

  private static void noMoreArguments(List<String> args) {
    if (!args.isEmpty()) {
      throw new UsageException("unexpected arguments " + args);
    }
  }

  /** A command line that cannot be understood. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
