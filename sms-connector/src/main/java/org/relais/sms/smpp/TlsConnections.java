package org.relais.sms.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
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

  /** How long a close waits to send its close_notify behind a write in progress. */
  private static final int CLOSE_LINGER_SECONDS = 1;

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
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
    try {
      // TLS closes by sending close_notify under the lock a write in progress holds: with a
      // linger, a close waits for it at most that long, then shuts the connection down, so that a
      // session can give up a connection whose write waits on a peer that reads nothing.
      socket.setSoLinger(true, CLOSE_LINGER_SECONDS);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return new SocketConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
