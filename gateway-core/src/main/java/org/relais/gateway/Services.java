package org.relais.gateway;

import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.alerts.AlertService;
import org.relais.gateway.cases.CaseFollowUp;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.handoff.HandoffWorker;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.store.Store;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.templates.Templates;
import org.relais.sms.smpp.SmsConnector;

/** The running parts of a gateway that its listeners (HTTP API, FastAGI) call into. */
public record Services(
    RelaisConfig config,
    Store store,
    SmsConnector connector,
    OutboundDispatcher sms,
    HandoffWorker handoff,
    CaseService cases,
    CaseFollowUp followUp,
    OptOuts optOuts,
    Templates templates,
    Metrics metrics,
    AtomicInteger activeCalls,
    AlertService alerts) {}
