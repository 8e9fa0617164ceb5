package org.relais.gateway.config;

import java.nio.file.Path;

/**
 * The whole configuration, one record per section of {@code relais.yaml}; {@code home} is the
 * folder the relative paths (flows, prompts, templates) are read from.
 */
public record RelaisConfig(
    HttpConfig http, NetworkConfig network, ApiConfig api, StoreConfig store, AgiConfig agi, AmiConfig ami, CallbacksConfig callbacks,
    SmppConfig smpp, CoreConfig core, SmsConfig sms, CasesConfig cases, IvrConfig ivr, DemoConfig demo,
    NotificationsConfig notifications, AlertsConfig alerts, Path home) {

  public RelaisConfig {
    http = http == null ? new HttpConfig(null, null, null, null, null) : http;
    network = network == null ? new NetworkConfig(null) : network;
    api = api == null ? new ApiConfig(null, null, null) : api;
    store = store == null ? new StoreConfig(null, null, null) : store;
    agi = agi == null ? new AgiConfig(null, null, null, null, null, null, null, null, null, null, null, null) : agi;
    ami = ami == null ? new AmiConfig(null, null, null, null, null, null, null, null, null, null) : ami;
    callbacks = callbacks == null ? new CallbacksConfig(null, null, null, null, null, null, null, null, null) : callbacks;
    smpp = smpp == null ? new SmppConfig(null, null, null, null, null) : smpp;
    core = core == null ? new CoreConfig(null, null, null, null, null, null, null, null, null, null) : core;
    sms = sms == null ? new SmsConfig(null, null, null, null, null) : sms;
    cases = cases == null ? new CasesConfig(null, null, null, null, null, null) : cases;
    ivr = ivr == null ? new IvrConfig(null, null, null, null, null) : ivr;
    demo = demo == null ? new DemoConfig(null, null, null) : demo;
    notifications = notifications == null
        ? new NotificationsConfig(null, null, null, null, null, null, null, null, null) : notifications;
    alerts = alerts == null ? new AlertsConfig(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null) : alerts;
    checkCategories(cases, sms, core);
  }

  /** Categories are named in every language replies are written in, and mapped to Open311 when it is the contract. */
  private static void checkCategories(CasesConfig cases, SmsConfig sms, CoreConfig core) {
    for (int i = 0; i < cases.categories().size(); i++) {
      CaseCategory c = cases.categories().get(i);
      String at = "cases.categories[" + i + "]";
      for (String language : sms.languages()) {
        if (c.names().get(language) == null || c.names().get(language).isBlank()) {
          throw new ConfigException(at + ".names." + language, c.names().get(language),
              "the category's name in " + language + " (a language of sms.languages)");
        }
      }
      SmsConfig.checkWords(at + ".words", c.words(), sms.languages());
      if (core.isOpen311() && (c.serviceCode() == null || c.serviceCode().isBlank())
          && core.defaultServiceCode().isEmpty()) {
        throw new ConfigException(at + ".service_code", c.serviceCode(),
            "an Open311 service_code (core.protocol is open311 and core.default_service_code is empty)");
      }
    }
  }

  /** A path of the configuration folder (flows, prompts, templates). */
  public Path resolve(String relative) {
    return home.resolve(relative);
  }
}
