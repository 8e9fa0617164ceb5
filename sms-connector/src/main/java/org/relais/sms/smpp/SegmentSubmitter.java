package org.relais.sms.smpp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.relais.sms.OutboundSms;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.encoding.EncodedText;
import org.relais.sms.encoding.Segment;

/** Builds and sends one submit_sm for one segment of a text, on a bound session; returns the SMSC's id. */
final class SegmentSubmitter {

  private static final int ESM_UDHI = 0x40;

  private final BindConfig config;

  SegmentSubmitter(BindConfig config) {
    this.config = config;
  }

  String submit(EsmeSession session, OutboundSms sms, EncodedText text, Segment segment)
      throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
    if (session == null || !session.getSessionState().isTransmittable()) {
      throw new IOException("not bound");
    }
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
    return session.submitShortMessage("",
        TypeOfNumber.valueOf(source.ton()), NumberingPlanIndicator.valueOf(source.npi()), source.digits(),
        TypeOfNumber.valueOf(destination.ton()), NumberingPlanIndicator.valueOf(destination.npi()),
        destination.digits(),
        new ESMClass(udh ? ESM_UDHI : 0), (byte) 0, (byte) 0,
        SmppTimes.absolute(sms.scheduleAt()), SmppTimes.validity(sms),
        new RegisteredDelivery(sms.registeredDelivery() ? 1 : 0), (byte) 0,
        DataCodings.newInstance((byte) text.alphabet().dataCoding()), (byte) 0, shortMessage,
        tlvs.toArray(OptionalParameter[]::new)).getMessageId();
  }
}
