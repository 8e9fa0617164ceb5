package org.relais.ivr.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

  private static final OpeningHours HOTLINE = OpeningHours.parse("Africa/Tunis",
      Map.of("mon-fri", "07:30-17:30", "sat", "08:00-12:00, 14:00-16:00", "sun", "closed"),
      List.of("2026-03-20", "01-01"));

  @Test
  void shouldBeOpenWithinTheRangesOfTheDayInItsTimezone() {
    assertThat(HOTLINE.state(Instant.parse("2026-03-18T06:30:00Z"))).as("07:30 Tunis").isEqualTo(HoursState.OPEN);
    assertThat(HOTLINE.state(Instant.parse("2026-03-18T06:29:59Z"))).isEqualTo(HoursState.CLOSED);
    assertThat(HOTLINE.state(Instant.parse("2026-03-18T16:30:00Z"))).as("17:30 Tunis").isEqualTo(HoursState.CLOSED);
    assertThat(HOTLINE.state(Instant.parse("2026-03-21T12:00:00Z"))).as("Saturday 13:00").isEqualTo(HoursState.CLOSED);
    assertThat(HOTLINE.state(Instant.parse("2026-03-21T13:30:00Z"))).as("Saturday 14:30").isEqualTo(HoursState.OPEN);
    assertThat(HOTLINE.state(Instant.parse("2026-03-22T10:00:00Z"))).as("Sunday").isEqualTo(HoursState.CLOSED);
  }

  @Test
  void shouldBeAHolidayOnFixedAndYearlyDates() {
    assertThat(HOTLINE.state(Instant.parse("2026-03-20T10:00:00Z"))).isEqualTo(HoursState.HOLIDAY);
    assertThat(HOTLINE.state(Instant.parse("2027-03-20T10:00:00Z"))).as("a fixed date, not yearly")
        .isEqualTo(HoursState.OPEN);
    assertThat(HOTLINE.state(Instant.parse("2031-01-01T10:00:00Z"))).isEqualTo(HoursState.HOLIDAY);
  }

  @Test
  void shouldFindTheNextOpeningAfterAHolidayAndAWeekend() {
    assertThat(HOTLINE.nextOpening(Instant.parse("2026-03-19T17:00:00Z")))
        .as("Thursday evening, Friday a holiday: Saturday 08:00 Tunis").contains(Instant.parse("2026-03-21T07:00:00Z"));
    assertThat(HOTLINE.nextOpening(Instant.parse("2026-03-18T10:00:00Z"))).contains(Instant.parse("2026-03-18T10:00:00Z"));
    OpeningHours never = OpeningHours.parse("UTC", Map.of(), List.of());
    assertThat(never.nextOpening(Instant.parse("2026-03-18T10:00:00Z"))).isEmpty();
  }

  @Test
  void shouldSayWhatIsWrongWithHoursThatCannotBeRead() {
    assertThatThrownBy(() -> OpeningHours.parse("Mars/Olympus", Map.of(), List.of()))
        .hasMessage("timezone 'Mars/Olympus' is not a zone such as Africa/Tunis");
    assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("mon-fry", "08:00-12:00"), List.of()))
        .hasMessage("'mon-fry' is not days such as mon-fri, sat or mon,wed");
    assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("mon", "8h-12h"), List.of()))
        .hasMessage("'8h-12h' is not a range such as 07:30-17:30");
    assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("mon", "12:00-08:00"), List.of()))
        .hasMessage("'12:00-08:00': the range must end after it starts");
    assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of(), List.of("31/12")))
        .hasMessage("holiday '31/12' is not a date such as 2026-03-20 or 05-01");
  }
}
