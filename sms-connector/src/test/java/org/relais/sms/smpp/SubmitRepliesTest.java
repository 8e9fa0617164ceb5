package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmitRepliesTest {

  private static final int SUBMIT_SM_RESP = 0x80000004;

  private final SubmitReplies replies = new SubmitReplies(Duration.ofMillis(200));

  @AfterEach
  void close() {
    replies.close(new IOException("test over"));
  }

  /** What the reply failed with; it must have failed. */
  private static Throwable failure(CompletableFuture<String> reply) {
    assertThat(reply).isCompletedExceptionally();
    return reply.handle((id, error) -> error).join();
  }

  private static byte[] resp(int status, int sequence, String messageId) {
    byte[] id = (messageId + "\0").getBytes(StandardCharsets.ISO_8859_1);
    return RawPdus.pdu(SUBMIT_SM_RESP, status, sequence, id);
  }

  @Test
  void shouldNumberTheSubmitsInARangeOfTheirOwn() {
    assertThat(replies.nextSequence()).isEqualTo(SubmitReplies.FIRST);
    assertThat(replies.nextSequence()).isEqualTo(SubmitReplies.FIRST + 1);
  }

  @Test
  void shouldGiveTheSubmitTheMessageIdOfItsResp() throws Exception {
    int seq = replies.nextSequence();
    SubmitReplies.Reply reply = replies.expect(seq);
    assertThat(replies.awaits(seq)).isTrue();
    assertThat(replies.answer(SUBMIT_SM_RESP, 0, seq, resp(0, seq, "5A01"))).isTrue();
    assertThat(reply).isCompletedWithValue("5A01");
    assertThat(replies.awaits(seq)).isFalse();
  }

  @Test
  void shouldFailTheSubmitWithTheStatusOfANegativeResp() {
    int seq = replies.nextSequence();
    SubmitReplies.Reply reply = replies.expect(seq);
    replies.answer(SUBMIT_SM_RESP, CommandStatus.ESME_RTHROTTLED, seq, resp(CommandStatus.ESME_RTHROTTLED, seq, ""));
    assertThat(failure(reply)).isInstanceOf(NegativeResponseException.class)
        .satisfies(e -> assertThat(((NegativeResponseException) e).getCommandStatus())
            .isEqualTo(CommandStatus.ESME_RTHROTTLED));
  }

  @Test
  void shouldFailTheSubmitOnAGenericNackOrARespThatCannotBeRead() {
    int nacked = replies.nextSequence();
    CompletableFuture<String> first = replies.expect(nacked);
    replies.answer(RawPdus.GENERIC_NACK, CommandStatus.ESME_RSYSERR, nacked, RawPdus.pdu(RawPdus.GENERIC_NACK,
        CommandStatus.ESME_RSYSERR, nacked, new byte[0]));
    assertThat(failure(first)).isInstanceOf(InvalidResponseException.class)
        .hasMessageContaining("generic_nack with command_status ESME_RSYSERR");

    int garbled = replies.nextSequence();
    CompletableFuture<String> second = replies.expect(garbled);
    replies.answer(SUBMIT_SM_RESP, 0, garbled, RawPdus.pdu(SUBMIT_SM_RESP, 0, garbled, new byte[] {'4', '2'}));
    assertThat(failure(second)).isInstanceOf(InvalidResponseException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void shouldLeaveARespForNoSubmitToJsmpp() {
    assertThat(replies.awaits(SubmitReplies.FIRST + 7)).isFalse();
    assertThat(replies.answer(SUBMIT_SM_RESP, 0, SubmitReplies.FIRST + 7, resp(0, SubmitReplies.FIRST + 7, "1")))
        .isFalse();
  }

  @Test
  void shouldFailASubmitWithNoRespWithinTheTimeoutOfItsWriteAndForgetIt() throws Exception {
    int seq = replies.nextSequence();
    SubmitReplies.Reply reply = replies.expect(seq);
    Thread.sleep(400);
    assertThat(reply).as("no timeout before the submit_sm is written").isNotDone();
    replies.written(reply);
    assertThat(reply).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(TimeoutException.class).withMessage("no submit_sm_resp within 200 ms");
    assertThat(replies.awaits(seq)).as("a late resp goes to jSMPP, which drops it").isFalse();
  }

  @Test
  void shouldFailTheSubmitsStillWaitingWhenTheSessionClosesAndEveryLaterOne() {
    int seq = replies.nextSequence();
    SubmitReplies.Reply reply = replies.expect(seq);
    replies.close(new IOException("the session closed"));
    assertThat(failure(reply)).isInstanceOf(IOException.class).hasMessage("the session closed");

    int late = replies.nextSequence();
    CompletableFuture<String> after = replies.expect(late);
    assertThat(after).isCompletedExceptionally();
    assertThat(replies.awaits(late)).isFalse();
  }
}
