package org.relais.sms.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * TLS connections to an SMSC: TLS 1.2 or 1.3, the SMSC's certificate checked against the trusted
 * authorities (the JDK's, or those of a PEM file) and against the host name the bind names. The
 * handshake completes before jSMPP sends its bind, so a refused certificate fails the connect.
 */
final class TlsConnections implements ConnectionFactory {

  /** How long a close may take to send its close_notify before the TCP socket is closed under it. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final SSLContext context;

  private TlsConnections(SSLContext context) {
    this.context = context;
  }

  /** Connections trusting the certificates of {@code trustPem}, or the JDK's authorities when it is empty. */
  static TlsConnections trusting(String trustPem) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      if (trustPem.isEmpty()) {
        context.init(null, null, null);
      } else {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(trustPem))) {
          int i = 0;
          for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            trusted.setCertificateEntry("trusted-" + i++, c);
          }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        context.init(null, trust.getTrustManagers(), null);
      }
      return new TlsConnections(context);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS with " + (trustPem.isEmpty() ? "the JDK's authorities" : trustPem)
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Connection createConnection(String host, int port) throws IOException {
    Socket raw = new Socket(host, port);
    SSLSocket socket;
    try {
      socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    try {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return new TlsConnection(socket, raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * A TLS connection whose close cannot wait for ever. TLS closes by sending close_notify, under the
   * lock a write in progress holds and into a socket a peer that reads nothing keeps full: either
   * would hold the closing thread (the session giving the connection up, the link's watcher) for
   * as long as the peer stays silent. The close is tried for {@link #CLOSE_WAIT}; past it, the
   * TCP socket underneath is closed, which ends the write and the close_notify both.
   */
  static final class TlsConnection extends SocketConnection {
    private final Socket raw;

    TlsConnection(SSLSocket socket, Socket raw) throws IOException {
      super(socket);
      this.raw = raw;
    }

    @Override
    public void close() {
      Thread closer = Thread.ofVirtual().name("smpp-tls-close").start(super::close);
      try {
        if (closer.join(CLOSE_WAIT)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        raw.close();
        // The TLS close, its write now failed, ends in a moment: the connection then reads closed.
        closer.join(CLOSE_WAIT);
      } catch (IOException e) {
        // closed already
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
