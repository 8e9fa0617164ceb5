package org.relais.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any text an SMSC may put in a receipt gives a receipt or nothing: never an exception. */
class ReceiptParserFuzzTest {

  @FuzzTest(maxDuration = "15s")
  void shouldReadAnyReceiptTextWithoutFailing(FuzzedDataProvider data) {
    String id = data.consumeBoolean() ? data.consumeString(40) : null;
    Integer state = data.consumeBoolean() ? data.consumeInt() : null;
    String error = data.consumeBoolean() ? data.consumeString(10) : null;
    String text = data.consumeRemainingAsString();
    ReceiptParser.parse(id, state, error, text).ifPresent(r -> {
      assertThat(r.messageId()).isNotBlank();
      assertThat(r.status()).isNotNull();
    });
  }
}
