package org.relais.sms.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.function.Predicate;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;

/**
 * Connections of {@code plain} (TCP or TLS) whose output is a {@link CoalescingOutputStream}, on
 * which the threads {@code neverWait} accepts (the session's reader) never wait.
 */
final class CoalescingConnections implements ConnectionFactory {

  private final ConnectionFactory plain;
  private final Predicate<Thread> neverWait;

  CoalescingConnections(ConnectionFactory plain, Predicate<Thread> neverWait) {
    this.plain = plain;
    this.neverWait = neverWait;
  }

  @Override
  public Connection createConnection(String host, int port) throws IOException {
    return new Coalescing(plain.createConnection(host, port), neverWait);
  }

  /** A connection whose output coalesces the PDUs its senders write at once. */
  static final class Coalescing implements Connection {
    private final Connection connection;
    private final CoalescingOutputStream out;

    Coalescing(Connection connection, Predicate<Thread> neverWait) {
      this.connection = connection;
      this.out = new CoalescingOutputStream(connection.getOutputStream(), neverWait, connection::close);
    }

    @Override
    public boolean isOpen() {
      return connection.isOpen();
    }

    @Override
    public InetAddress getInetAddress() {
      return connection.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return connection.getLocalAddress();
    }

    @Override
    public int getPort() {
      return connection.getPort();
    }

    @Override
    public int getLocalPort() {
      return connection.getLocalPort();
    }

    @Override
    public InputStream getInputStream() {
      return connection.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws IOException {
      connection.setSoTimeout(timeout);
    }

    @Override
    public void close() throws IOException {
      connection.close();
    }
  }
}
