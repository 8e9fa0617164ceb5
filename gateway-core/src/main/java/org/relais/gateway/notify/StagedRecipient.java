package org.relais.gateway.notify;

/** One recipient read, checked and rendered: its place in the body (from 1), number, language, text and parts. */
public record StagedRecipient(long seq, String destination, String language, String body, int parts,
    String reference) {}
