package org.relais.sms;

/** A setting of the connector that cannot work, named by its key, with the value given and what is expected. */
public final class InvalidSettingException extends IllegalArgumentException {

  private final String key;
  private final Object value;
  private final String expected;

  public InvalidSettingException(String key, Object value, String expected) {
    super(key + " = " + value + ": expected " + expected);
    this.key = key;
    this.value = value;
    this.expected = expected;
  }

  public String key() {
    return key;
  }

  public Object value() {
    return value;
  }

  public String expected() {
    return expected;
  }
}
