package org.relais.sms.smpp;

import java.util.Map;
import org.relais.sms.SmsException;

/**
 * SMPP 3.4 command_status values (section 5.1.3): their names, and whether a submit that got one
 * is retried (throttling, temporary errors) or recorded as rejected.
 */
public final class CommandStatus {

  public static final int ESME_ROK = 0x00;
  public static final int ESME_RINVMSGLEN = 0x01;
  public static final int ESME_RINVCMDID = 0x03;
  public static final int ESME_RINVBNDSTS = 0x04;
  public static final int ESME_RALYBND = 0x05;
  public static final int ESME_RSYSERR = 0x08;
  public static final int ESME_RINVSRCADR = 0x0A;
  public static final int ESME_RINVDSTADR = 0x0B;
  public static final int ESME_RBINDFAIL = 0x0D;
  public static final int ESME_RINVPASWD = 0x0E;
  public static final int ESME_RINVSYSID = 0x0F;
  public static final int ESME_RMSGQFUL = 0x14;
  public static final int ESME_RSUBMITFAIL = 0x45;
  public static final int ESME_RTHROTTLED = 0x58;
  public static final int ESME_RX_T_APPN = 0x64;
  public static final int ESME_RX_P_APPN = 0x65;
  public static final int ESME_RX_R_APPN = 0x66;
  public static final int ESME_RINVCMDLEN = 0x02;
  public static final int ESME_RINVOPTPARSTREAM = 0xC0;
  public static final int ESME_RINVOPTPARAMVAL = 0xC4;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(ESME_ROK, "ESME_ROK"), Map.entry(ESME_RINVMSGLEN, "ESME_RINVMSGLEN"),
      Map.entry(ESME_RINVCMDLEN, "ESME_RINVCMDLEN"), Map.entry(ESME_RINVCMDID, "ESME_RINVCMDID"),
      Map.entry(ESME_RINVBNDSTS, "ESME_RINVBNDSTS"), Map.entry(ESME_RALYBND, "ESME_RALYBND"),
      Map.entry(0x06, "ESME_RINVPRTFLG"), Map.entry(0x07, "ESME_RINVREGDLVFLG"),
      Map.entry(ESME_RSYSERR, "ESME_RSYSERR"), Map.entry(ESME_RINVSRCADR, "ESME_RINVSRCADR"),
      Map.entry(ESME_RINVDSTADR, "ESME_RINVDSTADR"), Map.entry(0x0C, "ESME_RINVMSGID"),
      Map.entry(ESME_RBINDFAIL, "ESME_RBINDFAIL"), Map.entry(ESME_RINVPASWD, "ESME_RINVPASWD"),
      Map.entry(ESME_RINVSYSID, "ESME_RINVSYSID"), Map.entry(0x11, "ESME_RCANCELFAIL"),
      Map.entry(0x13, "ESME_RREPLACEFAIL"), Map.entry(ESME_RMSGQFUL, "ESME_RMSGQFUL"),
      Map.entry(0x15, "ESME_RINVSERTYP"), Map.entry(0x33, "ESME_RINVNUMDESTS"),
      Map.entry(0x34, "ESME_RINVDLNAME"), Map.entry(0x40, "ESME_RINVDESTFLAG"),
      Map.entry(0x42, "ESME_RINVSUBREP"), Map.entry(0x43, "ESME_RINVESMCLASS"),
      Map.entry(0x44, "ESME_RCNTSUBDL"), Map.entry(ESME_RSUBMITFAIL, "ESME_RSUBMITFAIL"),
      Map.entry(0x48, "ESME_RINVSRCTON"), Map.entry(0x49, "ESME_RINVSRCNPI"),
      Map.entry(0x50, "ESME_RINVDSTTON"), Map.entry(0x51, "ESME_RINVDSTNPI"),
      Map.entry(0x53, "ESME_RINVSYSTYP"), Map.entry(0x54, "ESME_RINVREPFLAG"),
      Map.entry(0x55, "ESME_RINVNUMMSGS"), Map.entry(ESME_RTHROTTLED, "ESME_RTHROTTLED"),
      Map.entry(0x61, "ESME_RINVSCHED"), Map.entry(0x62, "ESME_RINVEXPIRY"),
      Map.entry(0x63, "ESME_RINVDFTMSGID"), Map.entry(ESME_RX_T_APPN, "ESME_RX_T_APPN"),
      Map.entry(ESME_RX_P_APPN, "ESME_RX_P_APPN"), Map.entry(ESME_RX_R_APPN, "ESME_RX_R_APPN"),
      Map.entry(0x67, "ESME_RQUERYFAIL"), Map.entry(ESME_RINVOPTPARSTREAM, "ESME_RINVOPTPARSTREAM"),
      Map.entry(0xC1, "ESME_ROPTPARNOTALLWD"), Map.entry(0xC2, "ESME_RINVPARLEN"),
      Map.entry(0xC3, "ESME_RMISSINGOPTPARAM"), Map.entry(ESME_RINVOPTPARAMVAL, "ESME_RINVOPTPARAMVAL"),
      Map.entry(0xFE, "ESME_RDELIVERYFAILURE"), Map.entry(0xFF, "ESME_RUNKNOWNERR"));

  private CommandStatus() {}

  /** The status's SMPP name, or its hex value when the SMSC uses a vendor-specific one. */
  public static String name(int status) {
    String name = NAMES.get(status);
    return name != null ? name : "0x%08X".formatted(status);
  }

  /** How a submit that got this status is handled. */
  public static SmsException.Kind classify(int status) {
    return switch (status) {
      case ESME_RTHROTTLED, ESME_RMSGQFUL -> SmsException.Kind.THROTTLED;
      case ESME_RSYSERR, ESME_RX_T_APPN, ESME_RINVBNDSTS, ESME_RSUBMITFAIL, 0xFE -> SmsException.Kind.TEMPORARY;
      default -> SmsException.Kind.REJECTED;
    };
  }
}
