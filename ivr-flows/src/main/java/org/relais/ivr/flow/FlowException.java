package org.relais.ivr.flow;

/** A flow or prompt file that cannot run, named by its file and, where it applies, its node. */
public final class FlowException extends RuntimeException {

  private final String file;
  private final String node;

  public FlowException(String file, String node, String problem) {
    super(file + (node == null ? "" : ": node '" + node + "'") + ": " + problem);
    this.file = file;
    this.node = node;
  }

  public String file() {
    return file;
  }

  /** The node at fault, or null when the fault is the file's. */
  public String node() {
    return node;
  }
}
