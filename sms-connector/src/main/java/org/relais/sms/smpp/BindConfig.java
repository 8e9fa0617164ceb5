package org.relais.sms.smpp;

import java.time.Duration;
import org.relais.sms.InvalidSettingException;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.encoding.Concatenation;

/**
 * One bind to one SMSC. Every component may be left null (absent from the config file) and then
 * takes the default documented in docs/CONFIGURATION.md; a value that cannot work throws an
 * {@link InvalidSettingException} naming the key.
 */
public record BindConfig(
    String name,
    String host,
    Integer port,
    String systemId,
    String password,
    String systemType,
    String addressRange,
    String interfaceVersion,
    Boolean tls,
    String sourceAddr,
    Integer sourceTon,
    Integer sourceNpi,
    Integer window,
    Integer tps,
    Duration enquireLink,
    Duration responseTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    Concatenation concatenation,
    Integer maxSegments,
    Alphabet defaultAlphabet) {

  public BindConfig {
    name = text(name, "smsc");
    host = text(host, "127.0.0.1");
    port = range("port", port, 2775, 1, 65535);
    systemId = text(systemId, "");
    if (systemId.isEmpty() || systemId.length() > 15) {
      throw new InvalidSettingException("system_id", systemId, "1 to 15 characters (SMPP 3.4 C-Octet String)");
    }
    password = text(password, "");
    if (password.length() > 8) {
      throw new InvalidSettingException("password", "(" + password.length() + " characters)", "at most 8 characters");
    }
    systemType = text(systemType, "");
    addressRange = text(addressRange, "");
    interfaceVersion = text(interfaceVersion, "3.4");
    if (!interfaceVersion.equals("3.4") && !interfaceVersion.equals("3.3")) {
      throw new InvalidSettingException("interface_version", interfaceVersion, "3.4 or 3.3");
    }
    tls = tls != null && tls;
    sourceAddr = text(sourceAddr, "");
    if (sourceTon != null) {
      range("source_ton", sourceTon, 0, 0, 6);
    }
    if (sourceNpi != null) {
      range("source_npi", sourceNpi, 0, 0, 18);
    }
    window = range("window", window, 10, 1, 1000);
    tps = range("tps", tps, 100, 1, 100_000);
    enquireLink = positive("enquire_link", enquireLink, Duration.ofSeconds(30));
    responseTimeout = positive("response_timeout", responseTimeout, Duration.ofSeconds(10));
    reconnectMin = positive("reconnect_min", reconnectMin, Duration.ofSeconds(1));
    reconnectMax = positive("reconnect_max", reconnectMax, Duration.ofSeconds(60));
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new InvalidSettingException("reconnect_max", reconnectMax, "at least reconnect_min (" + reconnectMin + ")");
    }
    concatenation = concatenation == null ? Concatenation.UDH8 : concatenation;
    maxSegments = range("max_segments", maxSegments, 10, 1, 255);
    defaultAlphabet = defaultAlphabet == null ? Alphabet.GSM7 : defaultAlphabet;
    if (defaultAlphabet == Alphabet.UCS2 || defaultAlphabet == Alphabet.BINARY) {
      throw new InvalidSettingException("default_alphabet", defaultAlphabet, "gsm7, ia5 or latin1");
    }
  }

  /** A bind with every default, for tests and the demo. */
  public static BindConfig of(String name, String host, int port, String systemId, String password) {
    return new BindConfig(name, host, port, systemId, password, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  /** Returns a copy with another window and rate; used by tests and benchmarks. */
  public BindConfig withFlow(int window, int tps) {
    return new BindConfig(name, host, port, systemId, password, systemType, addressRange, interfaceVersion, tls,
        sourceAddr, sourceTon, sourceNpi, window, tps, enquireLink, responseTimeout, reconnectMin, reconnectMax,
        concatenation, maxSegments, defaultAlphabet);
  }

  /** Returns a copy with another source address. */
  public BindConfig withSourceAddr(String source) {
    return new BindConfig(name, host, port, systemId, password, systemType, addressRange, interfaceVersion, tls,
        source, sourceTon, sourceNpi, window, tps, enquireLink, responseTimeout, reconnectMin, reconnectMax,
        concatenation, maxSegments, defaultAlphabet);
  }

  @Override
  public String toString() {
    return "BindConfig[name=%s, host=%s, port=%d, system_id=%s, password=%s, tls=%s, window=%d, tps=%d]"
        .formatted(name, host, port, systemId, password.isEmpty() ? "" : "****", tls, window, tps);
  }

  private static String text(String value, String fallback) {
    return value == null ? fallback : value.trim();
  }

  private static int range(String key, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new InvalidSettingException(key, v, "an integer from " + min + " to " + max);
    }
    return v;
  }

  private static Duration positive(String key, Duration value, Duration fallback) {
    Duration d = value == null ? fallback : value;
    if (d.isNegative() || d.isZero()) {
      throw new InvalidSettingException(key, d, "a positive duration such as 30s");
    }
    return d;
  }
}
