package org.relais.gateway.bench;

import java.util.SplittableRandom;

/**
 * The benchmark's messages: the same N every run (a fixed seed), a mix of what a utility sends:
 * 60 % short French notices (GSM), 15 % short Arabic ones (UCS2), 15 % long French bills (2 or 3
 * GSM parts) and 10 % long Arabic ones (2 UCS2 parts).
 */
final class BenchMessages {

  private static final String[] FRENCH = {
    "Coupure d'eau prévue demain de 8h à 12h rue de Marseille. Merci de votre compréhension.",
    "Votre réclamation 4021337 est en cours de traitement; réponse sous 3 jours.",
    "Rappel: votre facture de 42,300 TND est à régler avant le 30/11.",
  };
  private static final String[] ARABIC = {
    "انقطاع الماء غدا من الثامنة إلى منتصف النهار.",
    "شكايتكم قيد المعالجة، الرد خلال ثلاثة أيام.",
  };
  private static final String BILL = "Facture d'électricité de novembre: consommation 312 kWh, montant 87,450 TND, "
      + "échéance le 15 décembre. Payez en agence, par carte ou par virement en citant la référence 8840-2291-77. "
      + "Pour toute question appelez le 71 000 000 du lundi au vendredi de 8h à 17h. ";
  private static final String ARABIC_LONG = "فاتورة الكهرباء لشهر نوفمبر: الاستهلاك 312 كيلوواط ساعة، المبلغ 87,450 دينار، "
      + "آخر أجل للدفع 15 ديسمبر. يمكنكم الدفع في الوكالة أو بالبطاقة.";

  private final SplittableRandom random = new SplittableRandom(20261123L);

  /** The i-th message's text. */
  String text(int i) {
    int roll = random.nextInt(100);
    if (roll < 60) {
      return FRENCH[i % FRENCH.length];
    }
    if (roll < 75) {
      return ARABIC[i % ARABIC.length];
    }
    if (roll < 90) {
      return i % 2 == 0 ? BILL : BILL + BILL.substring(0, 120);
    }
    return ARABIC_LONG;
  }

  /** The i-th message's destination: Tunisian mobile numbers. */
  static String destination(int i) {
    return "+216" + (20_000_000 + (i * 7919L) % 79_999_999);
  }
}
