package org.relais.sms.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relais.sms.SmsException;

class SmsEncoderTest {

  private final SmsEncoder udh8 = new SmsEncoder(Concatenation.UDH8, 10);

  @Test
  void shouldUseGsmForAFrenchTextThatFits() {
    EncodedText t = udh8.encode("Votre réclamation est enregistrée, réponse prévue à 8h.", false, 1);
    assertThat(t.alphabet()).isEqualTo(Alphabet.GSM7);
    assertThat(t.segments()).hasSize(1);
    assertThat(t.segments().getFirst().header()).isNull();
  }

  @Test
  void shouldUseUcs2WhenOneLetterIsOutsideGsm() {
    EncodedText t = udh8.encode("Coupure prévue, l'hôpital reste alimenté", false, 1);
    assertThat(t.alphabet()).isEqualTo(Alphabet.UCS2);
    byte[] body = t.segments().getFirst().body();
    assertThat(new String(body, StandardCharsets.UTF_16BE)).isEqualTo("Coupure prévue, l'hôpital reste alimenté");
    assertThat(body[0]).as("no byte order mark").isEqualTo((byte) 0);
  }

  @Test
  void shouldEncodeArabicAsUcs2() {
    String arabic = "تم تسجيل شكايتكم تحت رقم 40213377";
    EncodedText t = udh8.encode(arabic, false, 1);
    assertThat(t.alphabet()).isEqualTo(Alphabet.UCS2);
    assertThat(new String(t.segments().getFirst().body(), StandardCharsets.UTF_16BE)).isEqualTo(arabic);
  }

  @Test
  void shouldSplitLongGsmIn153SeptetPartsWithAnEightBitHeader() {
    String text = "a".repeat(161);
    EncodedText t = udh8.encode(text, false, 0x1FF);
    assertThat(t.segments()).hasSize(2);
    Segment first = t.segments().get(0);
    assertThat(first.body()).hasSize(153);
    assertThat(first.header()).containsExactly(0x05, 0x00, 0x03, 0xFF, 0x02, 0x01);
    assertThat(t.segments().get(1).header()).containsExactly(0x05, 0x00, 0x03, 0xFF, 0x02, 0x02);
    assertThat(t.segments().get(1).body()).hasSize(8);
  }

  @Test
  void shouldKeep160SeptetsInOnePart() {
    assertThat(udh8.encode("a".repeat(160), false, 0).segments()).hasSize(1);
    assertThat(udh8.encode("a".repeat(159) + "€", false, 0).segments()).as("€ counts two").hasSize(2);
  }

  @Test
  void shouldNeverCutAnEscapeSequence() {
    String text = "a".repeat(152) + "€" + "b".repeat(10);
    EncodedText t = udh8.encode(text, false, 0);
    byte[] first = t.segments().get(0).body();
    assertThat(first).hasSize(152);
    assertThat(first[first.length - 1]).isNotEqualTo((byte) 0x1B);
    assertThat(t.segments().get(1).body()[0]).isEqualTo((byte) 0x1B);
  }

  @Test
  void shouldSplitUcs2In67CharacterPartsWithoutCuttingASurrogatePair() {
    String text = "ش".repeat(66) + "😀" + "ش".repeat(10);
    EncodedText t = udh8.encode(text, false, 0);
    assertThat(t.alphabet()).isEqualTo(Alphabet.UCS2);
    String first = new String(t.segments().get(0).body(), StandardCharsets.UTF_16BE);
    String second = new String(t.segments().get(1).body(), StandardCharsets.UTF_16BE);
    assertThat(first).hasSize(66);
    assertThat(second).startsWith("😀");
    assertThat(first + second).isEqualTo(text);
  }

  @Test
  void shouldUseSixteenBitReferencesWhenAsked() {
    SmsEncoder udh16 = new SmsEncoder(Concatenation.UDH16, 10);
    EncodedText t = udh16.encode("x".repeat(200), false, 0x1234);
    assertThat(t.segments().getFirst().header()).containsExactly(0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01);
    assertThat(t.segments().getFirst().body()).hasSize(152);
  }

  @Test
  void shouldLeaveTheHeaderToTheSmscWithSarOrPayload() {
    EncodedText sar = new SmsEncoder(Concatenation.SAR, 10).encode("y".repeat(300), false, 7);
    assertThat(sar.segments()).hasSize(2).allSatisfy(s -> assertThat(s.header()).isNull());
    assertThat(sar.segments().get(1).reference()).isEqualTo(7);
    EncodedText payload = new SmsEncoder(Concatenation.PAYLOAD, 10).encode("y".repeat(300), false, 7);
    assertThat(payload.segments()).hasSize(1);
    assertThat(payload.segments().getFirst().body()).hasSize(300);
    assertThat(payload.billedParts()).isEqualTo(2);
  }

  @Test
  void shouldRejectATextBeyondTheSegmentLimit() {
    SmsEncoder three = new SmsEncoder(Concatenation.UDH8, 3);
    assertThat(three.encode("z".repeat(459), false, 0).segments()).hasSize(3);
    assertThatThrownBy(() -> three.encode("z".repeat(460), false, 0))
        .isInstanceOf(SmsException.class)
        .hasMessageContaining("needs 4 segments")
        .satisfies(e -> assertThat(((SmsException) e).retryable()).isFalse());
  }

  @Test
  void shouldRejectAnEmptyText() {
    assertThatThrownBy(() -> udh8.encode("", false, 0)).isInstanceOf(SmsException.class);
  }

  @Test
  void shouldFitFrenchInGsmWhenTransliterating() {
    String text = "Coupure d'électricité à l'hôpital: « rétablie » à 14h, ça marche? Cœur, forêt.";
    EncodedText t = udh8.encode(text, true, 0);
    assertThat(t.alphabet()).isEqualTo(Alphabet.GSM7);
    byte[] body = t.segments().getFirst().body();
    assertThat(Gsm7.decode(body, 0, body.length))
        .isEqualTo("Coupure d'électricité à l'hopital: \" rétablie \" à 14h, ca marche? Coeur, foret.");
  }

  @Test
  void shouldKeepArabicInUcs2EvenWhenTransliterating() {
    assertThat(udh8.encode("انقطاع الماء", true, 0).alphabet()).isEqualTo(Alphabet.UCS2);
  }

  @Test
  void shouldCountPartsWithoutBuildingThem() {
    assertThat(udh8.partsFor("a".repeat(306), false)).isEqualTo(2);
    assertThat(udh8.partsFor("a".repeat(307), false)).isEqualTo(3);
    assertThat(udh8.partsFor("ê".repeat(134), false)).isEqualTo(2);
    assertThat(udh8.partsFor("ê".repeat(134), true)).isEqualTo(1);
    assertThat(List.of(udh8.partsFor("ê", false))).containsExactly(1);
    assertThatThrownBy(() -> new SmsEncoder(Concatenation.UDH8, 2).partsFor("a".repeat(307), false))
        .isInstanceOf(SmsException.class).hasMessageContaining("needs 3 segments");
  }
}
