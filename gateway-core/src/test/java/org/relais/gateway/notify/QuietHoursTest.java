package org.relais.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours in local time, across midnight or not. */
class QuietHoursTest {

  private static final ZoneId TUNIS = ZoneId.of("Africa/Tunis");

  @Test
  void shouldHoldTheNightAcrossMidnightAndEndAtEightLocalTime() {
    QuietHours night = QuietHours.parse("21:00-08:00", TUNIS);
    assertThat(night.isQuiet(Instant.parse("2026-11-23T19:59:59Z"))).as("20:59 local").isFalse();
    assertThat(night.isQuiet(Instant.parse("2026-11-23T20:00:00Z"))).as("21:00 local").isTrue();
    assertThat(night.isQuiet(Instant.parse("2026-11-24T03:00:00Z"))).as("04:00 local").isTrue();
    assertThat(night.isQuiet(Instant.parse("2026-11-24T07:00:00Z"))).as("08:00 local").isFalse();
    assertThat(night.endAfter(Instant.parse("2026-11-23T21:30:00Z"))).contains(Instant.parse("2026-11-24T07:00:00Z"));
    assertThat(night.endAfter(Instant.parse("2026-11-24T05:00:00Z"))).contains(Instant.parse("2026-11-24T07:00:00Z"));
    assertThat(night.endAfter(Instant.parse("2026-11-24T11:00:00Z"))).isEmpty();
  }

  @Test
  void shouldHoldARangeWithinADayAndNothingForNone() {
    QuietHours lunch = QuietHours.parse("12:00-14:00", TUNIS);
    assertThat(lunch.isQuiet(Instant.parse("2026-11-23T11:30:00Z"))).isTrue();
    assertThat(lunch.isQuiet(Instant.parse("2026-11-23T13:00:00Z"))).isFalse();
    assertThat(QuietHours.parse("none", TUNIS).isQuiet(Instant.parse("2026-11-23T23:00:00Z"))).isFalse();
  }

  @Test
  void shouldRefuseWhatIsNotARange() {
    assertThatThrownBy(() -> QuietHours.parse("21h-8h", TUNIS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuietHours.parse("08:00-08:00", TUNIS)).isInstanceOf(IllegalArgumentException.class);
  }
}
