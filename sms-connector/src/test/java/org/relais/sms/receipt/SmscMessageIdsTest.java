package org.relais.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmscMessageIdsTest {

  @Test
  void shouldDropLeadingZerosAndCase() {
    assertThat(SmscMessageIds.canonical(" 000a1b2 ")).isEqualTo("A1B2");
    assertThat(SmscMessageIds.canonical("0000")).isEqualTo("0");
  }

  @Test
  void shouldOfferTheOtherBaseAfterTheExactForm() {
    assertThat(SmscMessageIds.candidates("0255")).containsExactly("255", "FF", "597");
    assertThat(SmscMessageIds.candidates("ff")).containsExactly("FF", "255");
    assertThat(SmscMessageIds.candidates("msg-1")).containsExactly("MSG-1");
  }

  @Test
  void shouldMatchAHexSubmitIdWithADecimalReceiptId() {
    String submitted = SmscMessageIds.canonical("0A3F");
    assertThat(SmscMessageIds.candidates("2623")).contains(submitted);
  }

  @Test
  void shouldReadOnlyTheFormTheBindNames() {
    assertThat(SmscMessageIds.candidates("2623", ReceiptIdForm.DECIMAL)).containsExactly("A3F");
    assertThat(SmscMessageIds.candidates("0A3F", ReceiptIdForm.HEX)).containsExactly("2623");
    assertThat(SmscMessageIds.candidates("1234", ReceiptIdForm.SAME)).containsExactly("1234");
    assertThat(SmscMessageIds.candidates("msg-1", ReceiptIdForm.DECIMAL)).as("not decimal: kept").containsExactly("MSG-1");
    assertThat(SmscMessageIds.candidates("", ReceiptIdForm.AUTO)).containsExactly("");
  }
}
