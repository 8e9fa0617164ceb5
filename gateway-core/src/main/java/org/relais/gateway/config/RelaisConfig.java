package org.relais.gateway.config;

import java.nio.file.Path;

/**
 * The whole configuration, one record per section of {@code relais.yaml}; {@code home} is the
 * folder the relative paths (flows, prompts, templates) are read from.
 */
public record RelaisConfig(
    HttpConfig http, ApiConfig api, StoreConfig store, AgiConfig agi, AmiConfig ami, CallbacksConfig callbacks,
    SmppConfig smpp, CoreConfig core, SmsConfig sms, CasesConfig cases, IvrConfig ivr, DemoConfig demo, Path home) {

  public RelaisConfig {
    http = http == null ? new HttpConfig(null, null, null) : http;
    api = api == null ? new ApiConfig(null) : api;
    store = store == null ? new StoreConfig(null, null, null) : store;
    agi = agi == null ? new AgiConfig(null, null, null, null, null, null, null, null, null, null, null, null) : agi;
    ami = ami == null ? new AmiConfig(null, null, null, null, null, null, null, null, null, null) : ami;
    callbacks = callbacks == null ? new CallbacksConfig(null, null, null, null, null, null, null, null, null) : callbacks;
    smpp = smpp == null ? new SmppConfig(null, null) : smpp;
    core = core == null ? new CoreConfig(null, null, null, null, null, null, null) : core;
    sms = sms == null ? new SmsConfig(null, null) : sms;
    cases = cases == null ? new CasesConfig(null, null, null) : cases;
    ivr = ivr == null ? new IvrConfig(null, null, null, null, null) : ivr;
    demo = demo == null ? new DemoConfig(null, null, null) : demo;
  }

  /** A path of the configuration folder (flows, prompts, templates). */
  public Path resolve(String relative) {
    return home.resolve(relative);
  }
}
