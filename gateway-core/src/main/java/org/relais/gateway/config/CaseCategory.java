package org.relais.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A kind of case (water, lighting...): its code, its name in each language (for the SMS question
 * "reply 1 water, 2 electricity"), the words that name it after a complaint keyword, its Open311
 * service_code and the response delay announced for it.
 */
public record CaseCategory(
    String code, Map<String, String> names, Map<String, List<String>> words, String serviceCode,
    Duration responseDelay) {

  public CaseCategory {
    names = names == null ? Map.of() : Map.copyOf(names);
    words = words == null ? Map.of() : Map.copyOf(words);
  }
}
