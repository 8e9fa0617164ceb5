package org.relais.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A kind of case (water, lighting...): its code, its name in each language (for the SMS question
 * "reply 1 water, 2 electricity"), the words that name it in a complaint, its Open311 service_code,
 * the response delay announced for it, and whether the SMS question offers it ({@code offered}
 * false for kinds only a flow opens, such as an appointment with an elected official).
 */
public record CaseCategory(
    String code, Map<String, String> names, Map<String, List<String>> words, String serviceCode,
    Duration responseDelay, Boolean offered) {

  public CaseCategory {
    names = names == null ? Map.of() : Map.copyOf(names);
    words = words == null ? Map.of() : Map.copyOf(words);
    offered = offered == null || offered;
  }
}
