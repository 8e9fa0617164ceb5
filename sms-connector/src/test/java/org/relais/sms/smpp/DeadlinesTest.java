package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void shouldFailACommitNotDoneWithinTheTimeoutAndLeaveADoneOneAlone() throws Exception {
    try (Deadlines deadlines = new Deadlines(Duration.ofMillis(200), "not committed")) {
      CompletableFuture<String> done = deadlines.within(new CompletableFuture<>());
      CompletableFuture<String> stuck = deadlines.within(new CompletableFuture<>());
      done.complete("committed");

      assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TimeoutException.class).hasMessage("not committed within 200 ms");
      assertThat(done.get()).isEqualTo("committed");
      assertThat(deadlines.size()).isZero();
    }
  }

  @Test
  void shouldNotWatchACommitDoneAlready() {
    try (Deadlines deadlines = new Deadlines(Duration.ofSeconds(10), "not committed")) {
      deadlines.within(CompletableFuture.completedFuture("x"));
      CompletableFuture<String> waiting = deadlines.within(new CompletableFuture<>());
      assertThat(deadlines.size()).isOne();
      waiting.complete("y");
      deadlines.expire();
      assertThat(deadlines.size()).isZero();
      assertThat(waiting.join()).isEqualTo("y");
    }
  }
}
