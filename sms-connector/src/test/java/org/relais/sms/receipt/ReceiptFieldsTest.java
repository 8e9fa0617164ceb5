package org.relais.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text form's fields are read by hand; this grammar, found from left to right, is what they
 * must read as, for any text.
 */
class ReceiptFieldsTest {

  private static final Pattern GRAMMAR = Pattern.compile(
      "(?i)(?:^|\\s)(id|sub|dlvrd|submit date|done date|stat|err|text):\\s*(\\S*)");
  /** Pieces receipts are made of, and some they should not hold, in every case. */
  private static final String[] PIECES = {"id", "ID", "Id", "sub", "SUBMIT", "submit date", "Submit Date",
      "submit\tdate", "done date", "DONE DATE", "dlvrd", "stat", "Stat", "err", "text", "TEXT", "İd", "ıd", "ſtat",
      ":", "::", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "\u0001", "\u001F", "\u00A0", "\u2003", "0123456789", "DELIVRD", "UNDELIV",
      "2611231016", "x", "é", "ملف", "-", "id:", "stat:"};

  private static Map<String, String> byGrammar(String text) {
    Map<String, String> fields = new HashMap<>();
    Matcher m = GRAMMAR.matcher(text);
    while (m.find()) {
      fields.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    return fields;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "id:0123456789 sub:001 dlvrd:001 submit date:2611231015 done date:2611231016 stat:DELIVRD err:000 text:Votre",
      "STAT:undeliv ID:5F err:021 done date:261123101633 sub:001 dlvrd:000",
      " id: 42 stat:\tDELIVRD",
      "id:stat:DELIVRD",
      "id: stat:DELIVRD err:",
      "xid:1 id:2 id:3",
      "text:id:9 stat:ACCEPTD",
      "submit date:1 sub:2 submit:3",
      "",
      "id:"})
  void shouldReadTheFieldsAsTheGrammarDoes(String text) {
    assertThat(ReceiptParser.fields(text)).isEqualTo(byGrammar(text));
  }

  @Test
  void shouldReadTheFieldsOfTwoHundredThousandRandomTextsAsTheGrammarDoes() {
    Random random = new Random(20261207);
    for (int n = 0; n < 200_000; n++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(12);
      for (int p = 0; p < pieces; p++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String t = text.toString();
      assertThat(ReceiptParser.fields(t)).as("fields of [%s]", t).isEqualTo(byGrammar(t));
    }
  }
}
