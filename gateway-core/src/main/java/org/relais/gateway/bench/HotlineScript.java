package org.relais.gateway.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;

/**
 * The hotline's path the benchmark takes (language, welcome, main menu, outages menu, transfer), as
 * an Asterisk-Java script for its DefaultAgiServer: the same commands, one blocked thread per call.
 */
final class HotlineScript extends BaseAgiScript {

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    String key = getData("relais/fr/choose-language", 5000, 1);
    String language = switch (key == null ? "" : key) {
      case "2" -> "ar";
      case "3" -> "en";
      default -> "fr";
    };
    streamFile("relais/" + language + "/welcome");
    String choice = getData("relais/" + language + "/main-menu", 5000, 1);
    if ("1".equals(choice)) {
      String outage = getData("relais/" + language + "/outages-menu", 5000, 1);
      String queue = "1".equals(outage) ? "emergency" : "outages";
      streamFile("relais/" + language + "/transfer");
      setVariable("RELAIS_ROUTE", "queue:" + queue);
    } else {
      streamFile("relais/" + language + "/transfer");
      setVariable("RELAIS_ROUTE", "queue:operator");
    }
  }
}
