package org.relais.sms.smpp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.PDUException;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.PDUComposer;
import org.relais.sms.OutboundSms;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.encoding.EncodedText;
import org.relais.sms.encoding.Segment;

/**
 * Builds the submit_sm of one segment of a text and appends it to a bound session's output; returns
 * its reply, which carries the SMSC's id.
 */
final class SegmentSubmitter {

  private static final int ESM_UDHI = 0x40;
  private static final PDUComposer COMPOSER = new DefaultComposer();

  private final BindConfig config;

  SegmentSubmitter(BindConfig config) {
    this.config = config;
  }

  SubmitReplies.Reply append(EsmeSession session, OutboundSms sms, EncodedText text, Segment segment)
      throws PDUException, IOException {
    Addresses.Address source = Addresses.source(sms.source() != null ? sms.source() : config.sourceAddr(),
        config.sourceTon(), config.sourceNpi());
    Addresses.Address destination = Addresses.destination(sms.destination());
    boolean udh = segment.header() != null;
    List<OptionalParameter> tlvs = new ArrayList<>(3);
    byte[] shortMessage = segment.shortMessage();
    if (text.concatenation() == Concatenation.SAR && segment.total() > 1) {
      tlvs.add(OptionalParameters.newSarMsgRefNum((short) segment.reference()));
      tlvs.add(OptionalParameters.newSarTotalSegments(segment.total()));
      tlvs.add(OptionalParameters.newSarSegmentSeqnum(segment.number()));
    } else if (text.concatenation() == Concatenation.PAYLOAD && text.isMultipart()) {
      tlvs.add(new OptionalParameter.OctetString(DeliverSmReader.TAG_MESSAGE_PAYLOAD, shortMessage));
      shortMessage = new byte[0];
    }
    byte[] message = shortMessage;
    OptionalParameter[] params = tlvs.toArray(OptionalParameter[]::new);
    String schedule = SmppTimes.absolute(sms.scheduleAt());
    String validity = SmppTimes.validity(sms);
    byte registered = (byte) (sms.registeredDelivery() ? 1 : 0);
    return session.append(sequence -> COMPOSER.submitSm(sequence, "", source.ton(), source.npi(), source.digits(),
        destination.ton(), destination.npi(), destination.digits(), (byte) (udh ? ESM_UDHI : 0), (byte) 0, (byte) 0,
        schedule, validity, registered, (byte) 0, (byte) text.alphabet().dataCoding(), (byte) 0, message, params));
  }
}
