package org.relais.gateway.config;

/**
 * The IVR's files, relative to the configuration folder: flows, prompts per language, and the
 * folder prefix of Relais's sounds on the Asterisk side.
 */
public record IvrConfig(String flows, String prompts, String soundPrefix) {

  public IvrConfig {
    flows = Settings.text(flows, "flows");
    prompts = Settings.text(prompts, "prompts");
    soundPrefix = Settings.text(soundPrefix, "relais");
  }
}
