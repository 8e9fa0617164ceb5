package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reply and environment lines are read by hand (no matcher per line); these tests hold the
 * hand-written readers to the grammar written as regular expressions, on the replies Asterisk
 * sends and on many lines built from their pieces.
 */
class AgiReplyGrammarTest {

  private static final Pattern STATUS = Pattern.compile("^(\\d{3})([ -])(.*)$");
  private static final Pattern RESULT =
      Pattern.compile("^result=(\\S*)(?:\\s+\\((.*?)\\))?(?:\\s+endpos=(-?\\d+))?\\s*$");
  private static final Pattern ENV_LINE = Pattern.compile("agi_[a-z0-9_]+: ?.*");

  private static final String[] PIECES = {"200", "510", "520", "511", " ", "-", "result=", "1", "-1", "0", "42",
      "(timeout)", "(", ")", "(a) b", "endpos=", "12345", "endpos=-7", "\t", "x", "HANGUP", "dtmf", "  ", "abc)",
      "(nested (x))", "\r", "é", "endpos=1x", ""};

  @Test
  void shouldReadRepliesAsTheGrammarDoes() {
    List<String> lines = new ArrayList<>(List.of("200 result=0", "200 result=1 (timeout)", "200 result=-1",
        "200 result=0 endpos=2342", "200 result=123 (timeout) endpos=99", "200 result=", "200 result= (speech)",
        "510 Invalid or unknown command", "511 Command Not Permitted on a dead channel or intercept routine",
        "520-Invalid command syntax.  Proper usage follows:", "200 result=1 (a) endpos=5) endpos=6",
        "200 result=1 (x endpos=5)", "200 result=0 (a)endpos=3", "200 result=1 garbage", "200 result=1endpos=5",
        "100 result=0 Trying...", "20 result=0", "2000 result=1", "abc result=1", "200result=1",
        "200 result=1 endpos=" + "2".repeat(40), "200 result=1 (x) endpos=9223372036854775808"));
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder(i % 3 == 0 ? "200 result=" : "");
      int n = 1 + random.nextInt(7);
      for (int j = 0; j < n; j++) {
        line.append(PIECES[random.nextInt(PIECES.length)]);
      }
      lines.add(line.toString());
    }
    for (String line : lines) {
      Matcher status = STATUS.matcher(line);
      assertThat(AgiReply.isStatusLine(line)).as(line).isEqualTo(status.matches());
      if (!status.matches()) {
        continue;
      }
      AgiReply reply = AgiReply.parse(List.of(line));
      int code = Integer.parseInt(status.group(1));
      assertThat(reply.code()).as(line).isEqualTo(code);
      if (code != AgiReply.OK) {
        assertThat(reply.result()).isNull();
        continue;
      }
      Matcher r = RESULT.matcher(status.group(3));
      // An endpos beyond a long is read as a line not of that form.
      if (r.matches() && (r.group(3) == null || fitsLong(r.group(3)))) {
        assertThat(reply.result()).as(line).isEqualTo(r.group(1));
        assertThat(reply.data()).as(line).isEqualTo(r.group(2));
        assertThat(reply.endpos()).as(line).isEqualTo(r.group(3) == null ? null : Long.parseLong(r.group(3)));
      } else {
        assertThat(reply.result()).as(line).isEmpty();
        assertThat(reply.data()).as(line).isNull();
        assertThat(reply.endpos()).as(line).isNull();
      }
    }
  }

  private static boolean fitsLong(String digits) {
    try {
      Long.parseLong(digits);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Test
  void shouldReadEnvironmentLinesAsTheGrammarDoes() {
    List<String> lines = new ArrayList<>(List.of("agi_network_script: hotline", "agi_callerid:+21655",
        "agi_request: agi://127.0.0.1/hotline", "agi_: x", "agi_Caps: x", "agi_arg_1: 1", "agi_x y: z",
        "agi_callerid", "agi_callerid: a\rb", "xagi_callerid: 1", "", "agi_9: ok"));
    String[] pieces = {"agi_", "network", "_", "script", ":", " ", "A", "1", "x", "é", "-", "\r", "agi"};
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder(i % 2 == 0 ? "agi_" : "");
      int n = 1 + random.nextInt(6);
      for (int j = 0; j < n; j++) {
        line.append(pieces[random.nextInt(pieces.length)]);
      }
      lines.add(line.toString());
    }
    for (String line : lines) {
      boolean matches = ENV_LINE.matcher(line).matches();
      int colon = AgiSession.environmentKeyEnd(line);
      assertThat(colon >= 0).as(line).isEqualTo(matches);
      if (matches) {
        assertThat(colon).as(line).isEqualTo(line.indexOf(':'));
      }
    }
  }

  @Test
  void shouldKeepOnlyKeypadKeys() {
    assertThat(AgiCall.keysOnly("12#")).isEqualTo("12#");
    assertThat(AgiCall.keysOnly("1a2 *b")).isEqualTo("12*");
    assertThat(AgiCall.keysOnly("timeout")).isEmpty();
  }
}
