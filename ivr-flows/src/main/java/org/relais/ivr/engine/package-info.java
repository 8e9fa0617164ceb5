/**
 * The engine that runs a flow against a {@link org.relais.ivr.engine.Call} port, one step per
 * completed stage: no thread is held while a caller listens or presses keys. What the gateway
 * provides (languages, look-ups, cases, callbacks, queue waits) comes through
 * {@link org.relais.ivr.engine.FlowServices}.
 */
package org.relais.ivr.engine;
