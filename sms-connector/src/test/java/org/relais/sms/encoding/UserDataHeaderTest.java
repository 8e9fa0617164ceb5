package org.relais.sms.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserDataHeaderTest {

  @Test
  void shouldReadAnEightBitReference() {
    byte[] ud = {5, 0, 3, (byte) 0xAB, 3, 2, 'x'};
    assertThat(UserDataHeader.length(ud)).isEqualTo(6);
    assertThat(UserDataHeader.concat(ud)).contains(new UserDataHeader.Concat(0xAB, 8, 3, 2));
  }

  @Test
  void shouldReadASixteenBitReferenceAfterAnotherElement() {
    byte[] ud = {10, 0x24, 1, 1, 8, 4, 0x12, 0x34, 2, 1, 'x', 'y'};
    assertThat(UserDataHeader.concat(ud)).contains(new UserDataHeader.Concat(0x1234, 16, 2, 1));
  }

  @Test
  void shouldFindNothingInAHeaderThatDoesNotFit() {
    assertThat(UserDataHeader.concat(new byte[] {5, 0, 3, 1})).isEmpty();
    assertThat(UserDataHeader.concat(new byte[] {5, 0, 9, 1, 2, 1})).isEmpty();
    assertThat(UserDataHeader.concat(new byte[0])).isEmpty();
    assertThat(UserDataHeader.length(new byte[] {(byte) 200, 1})).isEqualTo(2);
  }

  @Test
  void shouldTellAPartFromNumbersThatCannotBeOne() {
    assertThat(new UserDataHeader.Concat(1, 8, 2, 1).isPart()).isTrue();
    assertThat(new UserDataHeader.Concat(1, 8, 1, 1).isPart()).isFalse();
    assertThat(new UserDataHeader.Concat(1, 8, 2, 0).isPart()).isFalse();
    assertThat(new UserDataHeader.Concat(1, 8, 2, 3).isPart()).isFalse();
  }
}
