package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jsmpp.session.connection.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.sms.tls.SelfSignedPair;

/**
 * A TLS connection to a peer that reads nothing: once a write waits on the full socket, closing
 * the connection must still return (and end that write), as a session closes one it gives up on.
 * TLS sends its close_notify under the lock the waiting write holds, into the full socket: without
 * a bound on the close, it would wait behind that write for ever.
 */
@Timeout(60)
class TlsConnectionsTest {

  @TempDir
  Path dir;

  @Test
  void shouldCloseAConnectionWhoseWriteWaitsOnAPeerThatReadsNothing() throws Exception {
    SelfSignedPair pair = SelfSignedPair.create(dir);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pair.keystore())) {
      keys.load(in, pair.password().toCharArray());
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, pair.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket()) {
      server.setReceiveBufferSize(4096);
      server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      CompletableFuture<SSLSocket> accepted = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> {
        try {
          SSLSocket peer = (SSLSocket) server.accept();
          peer.startHandshake();
          accepted.complete(peer);
        } catch (IOException e) {
          accepted.completeExceptionally(e);
        }
      });

      Connection connection = TlsConnections.trusting(pair.certPem().toString())
          .createConnection("127.0.0.1", server.getLocalPort());
      try (SSLSocket peer = accepted.get(10, TimeUnit.SECONDS)) {
        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
          OutputStream out = connection.getOutputStream();
          byte[] chunk = new byte[64 * 1024];
          try {
            while (true) {
              out.write(chunk);
              out.flush();
              written.addAndGet(chunk.length);
            }
          } catch (IOException e) {
            // the close ended it, as it should
          }
        }, command -> Thread.ofVirtual().name("tls-writer").start(command));

        // Until the writes stop going anywhere (the peer's buffer and ours are full): some written,
        // then none more over five looks in a row.
        long last = -1;
        int still = 0;
        while (still < 5) {
          Thread.sleep(200);
          long now = written.get();
          still = now > 0 && now == last ? still + 1 : 0;
          last = now;
        }
        assertThat(writing).isNotDone();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
          try {
            connection.close();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }, command -> Thread.ofVirtual().name("tls-closer").start(command));
        // Within the close's bound (TlsConnections.CLOSE_WAIT) and a margin.
        closed.get(10, TimeUnit.SECONDS);
        writing.get(10, TimeUnit.SECONDS);
        assertThat(connection.isOpen()).isFalse();
      }
    }
  }
}
