package org.relais.gateway.alerts.cap;

import java.util.List;

/**
 * One element of a CAP message as either form gives it (an XML element, a JSON object), so that a
 * single reader checks both: the texts of its child elements and its child elements by name.
 */
interface CapNode {

  /** Where this element is, such as {@code alert/info[0]}. */
  String path();

  /** The texts of the child elements called {@code name}, in order. */
  List<String> texts(String name);

  /** The child elements called {@code name}, in order. */
  List<CapNode> children(String name);
}
