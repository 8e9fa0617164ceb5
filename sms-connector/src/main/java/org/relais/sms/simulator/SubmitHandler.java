package org.relais.sms.simulator;

import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's answers to what an ESME sends: submit_sm is accepted and, once its resp has gone
 * out, receipted when the ESME asked for it; the other operations are not supported.
 */
final class SubmitHandler implements ServerMessageReceiverListener, ServerResponseDeliveryListener {

  private static final int ESME_RINVCMDID = 0x03;
  private final SmscSimulator smsc;
  private final Set<String> receiptWanted = ConcurrentHashMap.newKeySet();

  SubmitHandler(SmscSimulator smsc) {
    this.smsc = smsc;
  }

  @Override
  public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
    SubmitSmResult result = smsc.accept(submitSm);
    if ((submitSm.getRegisteredDelivery() & 0x03) != 0) {
      receiptWanted.add(result.getMessageId());
    }
    return result;
  }

  @Override
  public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
    smsc.sendReceipt(source, result.getMessageId(), receiptWanted.remove(result.getMessageId()));
  }

  @Override
  public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
    receiptWanted.remove(result.getMessageId());
  }

  @Override
  public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {}

  @Override
  public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {}

  @Override
  public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("submit_multi is not supported", ESME_RINVCMDID);
  }

  @Override
  public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("query_sm is not supported", ESME_RINVCMDID);
  }

  @Override
  public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("replace_sm is not supported", ESME_RINVCMDID);
  }

  @Override
  public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("cancel_sm is not supported", ESME_RINVCMDID);
  }

  @Override
  public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("broadcast_sm is not supported", ESME_RINVCMDID);
  }

  @Override
  public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("cancel_broadcast_sm is not supported", ESME_RINVCMDID);
  }

  @Override
  public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("query_broadcast_sm is not supported", ESME_RINVCMDID);
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw new ProcessRequestException("data_sm is not supported", ESME_RINVCMDID);
  }
}
