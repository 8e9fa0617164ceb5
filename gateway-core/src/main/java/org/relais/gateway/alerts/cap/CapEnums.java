package org.relais.gateway.alerts.cap;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The closed value sets of CAP 1.2, spelt as the specification spells them. */
public final class CapEnums {

  private CapEnums() {}

  /** {@code alert/status}. */
  public enum Status { Actual, Exercise, System, Test, Draft }

  /** {@code alert/msgType}. */
  public enum MsgType { Alert, Update, Cancel, Ack, Error }

  /** {@code alert/scope}. */
  public enum Scope { Public, Restricted, Private }

  /** {@code info/category}. */
  public enum Category { Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other }

  /** {@code info/responseType}. */
  public enum ResponseType { Shelter, Evacuate, Prepare, Execute, Avoid, Monitor, Assess, AllClear, None }

  /** {@code info/urgency}. */
  public enum Urgency { Immediate, Expected, Future, Past, Unknown }

  /** {@code info/severity}. */
  public enum Severity { Extreme, Severe, Moderate, Minor, Unknown }

  /** {@code info/certainty}. */
  public enum Certainty { Observed, Likely, Possible, Unlikely, Unknown }

  /** The constant spelt exactly {@code text} (CAP values are case-sensitive). */
  static <E extends Enum<E>> E parse(Class<E> type, String path, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    throw new CapException(path, "\"" + text + "\" is not one of " + Arrays.stream(type.getEnumConstants())
        .map(Enum::name).collect(Collectors.joining(", ")));
  }
}
