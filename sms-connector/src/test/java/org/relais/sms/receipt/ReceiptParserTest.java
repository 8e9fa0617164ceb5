package org.relais.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptParserTest {

  private static final String TEXT =
      "id:0123456789 sub:001 dlvrd:001 submit date:2611231015 done date:2611231016 stat:DELIVRD err:000 text:Votre";

  @Test
  void shouldReadTheTextForm() {
    DeliveryReceipt r = ReceiptParser.parse(null, null, null, TEXT).orElseThrow();
    assertThat(r.messageId()).isEqualTo("0123456789");
    assertThat(r.canonicalId()).isEqualTo("123456789");
    assertThat(r.status()).isEqualTo(ReceiptStatus.DELIVERED);
    assertThat(r.error()).isEqualTo("000");
    assertThat(r.doneAt()).isEqualTo(Instant.parse("2026-11-23T10:16:00Z"));
  }

  @Test
  void shouldPreferTheTlvsToTheText() {
    DeliveryReceipt r = ReceiptParser.parse("ABCDEF", 5, "3:17", TEXT).orElseThrow();
    assertThat(r.messageId()).isEqualTo("ABCDEF");
    assertThat(r.status()).isEqualTo(ReceiptStatus.UNDELIVERABLE);
  }

  @Test
  void shouldReadTlvsAlone() {
    DeliveryReceipt r = ReceiptParser.parse("77", 2, "1:0", "").orElseThrow();
    assertThat(r.status()).isEqualTo(ReceiptStatus.DELIVERED);
    assertThat(r.error()).isEqualTo("1:0");
  }

  @Test
  void shouldToleratePermutedFieldsCaseAndSecondsInDates() {
    DeliveryReceipt r = ReceiptParser.parse(null, null, null,
        "STAT:undeliv ID:5F err:021 done date:261123101633 sub:001 dlvrd:000").orElseThrow();
    assertThat(r.messageId()).isEqualTo("5F");
    assertThat(r.status()).isEqualTo(ReceiptStatus.UNDELIVERABLE);
    assertThat(r.error()).isEqualTo("021");
    assertThat(r.doneAt()).isEqualTo(Instant.parse("2026-11-23T10:16:33Z"));
  }

  @Test
  void shouldGiveNothingWithoutIdOrStatus() {
    assertThat(ReceiptParser.parse(null, null, null, "hello")).isEmpty();
    assertThat(ReceiptParser.parse("12", null, null, "no status here")).isEmpty();
    assertThat(ReceiptParser.parse(null, 2, null, "stat:DELIVRD")).isEmpty();
  }
}
