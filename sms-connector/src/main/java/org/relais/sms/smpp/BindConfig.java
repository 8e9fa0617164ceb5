package org.relais.sms.smpp;

import java.time.Duration;
import org.relais.sms.InvalidSettingException;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.receipt.ReceiptIdForm;

/**
 * One bind to one SMSC. Every component may be left null (absent from the config file) and then
 * takes the default documented in docs/CONFIGURATION.md; a value that cannot work throws an
 * {@link InvalidSettingException} naming the key. Code builds one with {@link #builder}.
 */
public record BindConfig(
    String name,
    String group,
    String host,
    Integer port,
    String systemId,
    String password,
    String systemType,
    BindMode bindType,
    String addressRange,
    String interfaceVersion,
    Boolean tls,
    String tlsTrust,
    String sourceAddr,
    Integer sourceTon,
    Integer sourceNpi,
    Integer window,
    Integer tps,
    Duration enquireLink,
    Duration deadPeerTimeout,
    Duration responseTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    Concatenation concatenation,
    Integer maxSegments,
    Alphabet defaultAlphabet,
    ReceiptIdForm receiptIds) {

  /** The group of a bind that names none; with no routes configured, every group serves every number. */
  public static final String DEFAULT_GROUP = "default";

  public BindConfig {
    name = text(name, "smsc");
    if (!name.matches("[A-Za-z0-9_.\\-]{1,32}")) {
      throw new InvalidSettingException("name", name, "1 to 32 letters, digits, '.', '_' or '-'");
    }
    group = text(group, DEFAULT_GROUP);
    if (!group.matches("[A-Za-z0-9_.\\-]{1,32}")) {
      throw new InvalidSettingException("group", group, "1 to 32 letters, digits, '.', '_' or '-'");
    }
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
    if (systemType.length() > 12) {
      throw new InvalidSettingException("system_type", systemType, "at most 12 characters");
    }
    bindType = bindType == null ? BindMode.TRX : bindType;
    addressRange = text(addressRange, "");
    if (addressRange.length() > 40) {
      throw new InvalidSettingException("address_range", addressRange, "at most 40 characters");
    }
    interfaceVersion = text(interfaceVersion, "3.4");
    if (!interfaceVersion.equals("3.4") && !interfaceVersion.equals("3.3")) {
      throw new InvalidSettingException("interface_version", interfaceVersion, "3.4 or 3.3");
    }
    tls = tls != null && tls;
    tlsTrust = text(tlsTrust, "");
    if (!tlsTrust.isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(tlsTrust))) {
      throw new InvalidSettingException("tls_trust", tlsTrust, "a readable PEM file of the certificates to trust");
    }
    sourceAddr = text(sourceAddr, "");
    if (sourceAddr.length() > 20) {
      throw new InvalidSettingException("source_addr", sourceAddr, "at most 20 characters");
    }
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
    deadPeerTimeout = positive("dead_peer_timeout", deadPeerTimeout,
        max(Duration.ofSeconds(90), enquireLink.plus(responseTimeout).multipliedBy(2)));
    if (deadPeerTimeout.compareTo(enquireLink.plus(responseTimeout)) <= 0) {
      throw new InvalidSettingException("dead_peer_timeout", deadPeerTimeout,
          "longer than enquire_link + response_timeout (" + enquireLink.plus(responseTimeout) + ")");
    }
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
    receiptIds = receiptIds == null ? ReceiptIdForm.AUTO : receiptIds;
  }

  /** A bind with every default, for tests and the demo. */
  public static BindConfig of(String name, String host, int port, String systemId, String password) {
    return builder(name, host, port, systemId).password(password).build();
  }

  /** Starts a bind with every optional setting at its default. */
  public static Builder builder(String name, String host, int port, String systemId) {
    return new Builder(name, host, port, systemId);
  }

  /** A builder holding this bind's settings, to derive another. */
  public Builder toBuilder() {
    Builder b = new Builder(name, host, port, systemId);
    b.group = group;
    b.password = password;
    b.systemType = systemType;
    b.bindType = bindType;
    b.addressRange = addressRange;
    b.interfaceVersion = interfaceVersion;
    b.tls = tls;
    b.tlsTrust = tlsTrust;
    b.sourceAddr = sourceAddr;
    b.sourceTon = sourceTon;
    b.sourceNpi = sourceNpi;
    b.window = window;
    b.tps = tps;
    b.enquireLink = enquireLink;
    b.deadPeerTimeout = deadPeerTimeout;
    b.responseTimeout = responseTimeout;
    b.reconnectMin = reconnectMin;
    b.reconnectMax = reconnectMax;
    b.concatenation = concatenation;
    b.maxSegments = maxSegments;
    b.defaultAlphabet = defaultAlphabet;
    b.receiptIds = receiptIds;
    return b;
  }

  /** Returns a copy with another window and rate; used by tests and benchmarks. */
  public BindConfig withFlow(int window, int tps) {
    return toBuilder().window(window).tps(tps).build();
  }

  /** Returns a copy with another source address. */
  public BindConfig withSourceAddr(String source) {
    return toBuilder().sourceAddr(source).build();
  }

  @Override
  public String toString() {
    return "BindConfig[name=%s, group=%s, host=%s, port=%d, system_id=%s, password=%s, bind_type=%s, tls=%s, window=%d, tps=%d]"
        .formatted(name, group, host, port, systemId, password.isEmpty() ? "" : "****", bindType, tls, window, tps);
  }

  private static String text(String value, String fallback) {
    return value == null ? fallback : value.trim();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
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

  /** Builds a {@link BindConfig}; what is not set takes its default. */
  public static final class Builder {
    private final String name;
    private final String host;
    private final int port;
    private final String systemId;
    private String group;
    private String password;
    private String systemType;
    private BindMode bindType;
    private String addressRange;
    private String interfaceVersion;
    private Boolean tls;
    private String tlsTrust;
    private String sourceAddr;
    private Integer sourceTon;
    private Integer sourceNpi;
    private Integer window;
    private Integer tps;
    private Duration enquireLink;
    private Duration deadPeerTimeout;
    private Duration responseTimeout;
    private Duration reconnectMin;
    private Duration reconnectMax;
    private Concatenation concatenation;
    private Integer maxSegments;
    private Alphabet defaultAlphabet;
    private ReceiptIdForm receiptIds;

    private Builder(String name, String host, int port, String systemId) {
      this.name = name;
      this.host = host;
      this.port = port;
      this.systemId = systemId;
    }

    public Builder group(String v) {
      group = v;
      return this;
    }

    public Builder password(String v) {
      password = v;
      return this;
    }

    public Builder systemType(String v) {
      systemType = v;
      return this;
    }

    public Builder bindType(BindMode v) {
      bindType = v;
      return this;
    }

    public Builder addressRange(String v) {
      addressRange = v;
      return this;
    }

    public Builder interfaceVersion(String v) {
      interfaceVersion = v;
      return this;
    }

    public Builder tls(boolean v) {
      tls = v;
      return this;
    }

    /** A PEM file of the certificates to trust for TLS instead of the JDK's (an operator's own CA, say). */
    public Builder tlsTrust(String v) {
      tlsTrust = v;
      return this;
    }

    public Builder sourceAddr(String v) {
      sourceAddr = v;
      return this;
    }

    public Builder source(String addr, Integer ton, Integer npi) {
      sourceAddr = addr;
      sourceTon = ton;
      sourceNpi = npi;
      return this;
    }

    public Builder window(int v) {
      window = v;
      return this;
    }

    public Builder tps(int v) {
      tps = v;
      return this;
    }

    public Builder enquireLink(Duration v) {
      enquireLink = v;
      return this;
    }

    public Builder deadPeerTimeout(Duration v) {
      deadPeerTimeout = v;
      return this;
    }

    public Builder responseTimeout(Duration v) {
      responseTimeout = v;
      return this;
    }

    public Builder reconnect(Duration min, Duration max) {
      reconnectMin = min;
      reconnectMax = max;
      return this;
    }

    public Builder concatenation(Concatenation v) {
      concatenation = v;
      return this;
    }

    public Builder maxSegments(int v) {
      maxSegments = v;
      return this;
    }

    public Builder defaultAlphabet(Alphabet v) {
      defaultAlphabet = v;
      return this;
    }

    public Builder receiptIds(ReceiptIdForm v) {
      receiptIds = v;
      return this;
    }

    public BindConfig build() {
      return new BindConfig(name, group, host, port, systemId, password, systemType, bindType, addressRange,
          interfaceVersion, tls, tlsTrust, sourceAddr, sourceTon, sourceNpi, window, tps, enquireLink, deadPeerTimeout,
          responseTimeout, reconnectMin, reconnectMax, concatenation, maxSegments, defaultAlphabet, receiptIds);
    }
  }
}
