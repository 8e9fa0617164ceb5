package org.relais.ivr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.Flows;
import org.relais.ivr.flow.PromptCatalog;
import org.relais.ivr.hours.OpeningHours;

/** The nodes that decide without the caller: hours, set and branch. */
class DecisionNodesTest {

  private static final PromptCatalog PROMPTS = Flows.prompts("menu");
  private static final Flow FLOW = Flows.parse(PROMPTS, """
      languages: [fr]
      start: hours
      nodes:
        hours: {type: hours, service: hotline, open: main, closed: night, holiday: holiday}
        main: {type: menu, prompt: menu, options: {"1": roads, "2": waste}, fallback: agent}
        roads: {type: set, values: {category: roads, team: "${category}-team"}, next: which}
        waste: {type: set, values: {category: waste}, next: which}
        which: {type: branch, variable: category, cases: {roads: roads_queue}, default: agent}
        roads_queue: {type: route, queue: roads, variables: {RELAIS_TEAM: "${team}"}}
        night: {type: route, queue: night}
        holiday: {type: route, queue: holiday}
        agent: {type: route, queue: operator}
      """);
  private static final OpeningHours HOURS = OpeningHours.parse("Africa/Tunis",
      Map.of("mon-fri", "07:30-17:30"), List.of("2026-03-20", "05-01"));

  private CallOutcome run(String at, String... keys) throws Exception {
    Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
    FlowEngine engine = new FlowEngine(PROMPTS, new MemoryServices(), Map.of("hotline", HOURS), clock, "queue:operator");
    return engine.run(FLOW, ScriptedCall.of("", keys)).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldFollowTheOpeningHoursOfTheService() throws Exception {
    assertThat(run("2026-03-18T10:00:00Z", "2").route()).as("Wednesday 11:00 in Tunis").isEqualTo("queue:operator");
    assertThat(run("2026-03-18T17:00:00Z").route()).as("Wednesday 18:00 in Tunis").isEqualTo("queue:night");
    assertThat(run("2026-03-21T10:00:00Z").route()).as("Saturday").isEqualTo("queue:night");
    assertThat(run("2026-03-20T10:00:00Z").route()).as("Independence Day").isEqualTo("queue:holiday");
    assertThat(run("2027-05-01T10:00:00Z").route()).as("1 May, every year").isEqualTo("queue:holiday");
  }

  @Test
  void shouldSetVariablesAndBranchOnThem() throws Exception {
    CallOutcome roads = run("2026-03-18T10:00:00Z", "1");
    assertThat(roads.route()).isEqualTo("queue:roads");
    assertThat(run("2026-03-18T10:00:00Z", "2").route()).isEqualTo("queue:operator");
  }
}
