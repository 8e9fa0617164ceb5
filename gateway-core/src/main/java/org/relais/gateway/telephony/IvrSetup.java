package org.relais.gateway.telephony;

import java.util.Map;
import org.relais.gateway.config.RelaisConfig;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.FlowException;
import org.relais.ivr.flow.FlowLoader;
import org.relais.ivr.flow.Node;
import org.relais.ivr.flow.PromptCatalog;
import org.relais.ivr.hours.OpeningHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The IVR as configured: prompts, opening hours and flows, read and checked together at start. */
public record IvrSetup(PromptCatalog prompts, Map<String, OpeningHours> hours, Map<String, Flow> flows) {

  private static final Logger log = LoggerFactory.getLogger(IvrSetup.class);

  /** Reads the prompts and flows of {@code config}; throws a FlowException or ConfigException naming the fault. */
  public static IvrSetup load(RelaisConfig config) {
    PromptCatalog prompts = PromptCatalog.load(config.resolve(config.ivr().prompts()), config.ivr().soundPrefix());
    Map<String, OpeningHours> hours = config.ivr().openingHours();
    Map<String, Flow> flows = new FlowLoader(prompts, hours.keySet()).loadAll(config.resolve(config.ivr().flows()));
    checkCategories(flows, config);
    if (config.agi().ttsApplication().isEmpty() && prompts.hasTts()) {
      log.warn("some prompts are marked tts but agi.tts_application is not set: their sounds are streamed instead");
    }
    return new IvrSetup(prompts, Map.copyOf(hours), flows);
  }

  /** A case node's category, when written out (not taken from a variable), must be one of cases.categories. */
  private static void checkCategories(Map<String, Flow> flows, RelaisConfig config) {
    for (Flow flow : flows.values()) {
      flow.nodes().forEach((id, node) -> {
        if (node instanceof Node.Case c && c.category() != null && !c.category().contains("${")
            && config.cases().category(c.category()).isEmpty()) {
          throw new FlowException(flow.name() + ".yaml", id, "category '" + c.category()
              + "' is not one of cases.categories " + config.cases().categories().stream().map(k -> k.code()).toList());
        }
      });
    }
  }
}
