package org.relais.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.relais.sms.OutboundSms;

class OutboundMessageTest {

  private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

  private static OutboundMessage message(Duration validity, Instant scheduleAt) {
    NewMessage request = NewMessage.to("+21620123456", "Coupure d'eau demain").validity(validity)
        .scheduleAt(scheduleAt).build();
    return new OutboundMessage("m1", request, MessageState.QUEUED, null, null, 0, CREATED, CREATED);
  }

  @Test
  void shouldCountTheValidityFromCreationWhenNotScheduled() {
    OutboundMessage m = message(Duration.ofHours(2), null);
    assertThat(m.isExpired(CREATED.plus(Duration.ofMinutes(119)))).isFalse();
    assertThat(m.isExpired(CREATED.plus(Duration.ofHours(2)))).isTrue();
    assertThat(m.toSms(CREATED.plus(Duration.ofMinutes(30))).validity()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void shouldCountTheValidityFromTheScheduledTimeWhenScheduled() {
    Instant at = CREATED.plus(Duration.ofDays(3));
    OutboundMessage m = message(Duration.ofHours(2), at);
    assertThat(m.validUntil()).isEqualTo(at.plus(Duration.ofHours(2)));
    assertThat(m.isExpired(CREATED.plus(Duration.ofHours(3)))).as("three hours after creation").isFalse();
    assertThat(m.isExpired(at.plus(Duration.ofMinutes(119)))).isFalse();
    assertThat(m.isExpired(at.plus(Duration.ofHours(2)))).isTrue();
    OutboundSms sms = m.toSms(CREATED.plus(Duration.ofHours(3)));
    assertThat(sms.scheduleAt()).isEqualTo(at);
    assertThat(sms.validity()).as("whole, from the scheduled time").isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldNeverExpireWithoutAValidity() {
    OutboundMessage m = message(null, CREATED.plus(Duration.ofDays(3)));
    assertThat(m.validUntil()).isNull();
    assertThat(m.isExpired(CREATED.plus(Duration.ofDays(30)))).isFalse();
  }
}
