-- Relais schema, version 1. Times are epoch milliseconds (UTC).

-- Outbound SMS: queued -> submitted -> delivered | failed | expired | rejected.
CREATE TABLE messages (
  id                  TEXT PRIMARY KEY,
  destination         TEXT NOT NULL,
  source              TEXT,
  body                TEXT NOT NULL,
  language            TEXT,
  priority            TEXT NOT NULL,
  state               TEXT NOT NULL,
  parts               INTEGER NOT NULL DEFAULT 1,
  bind                TEXT,
  error               TEXT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  registered_delivery INTEGER NOT NULL DEFAULT 1,
  transliterate       INTEGER NOT NULL DEFAULT 0,
  validity_ms         INTEGER,
  schedule_at         INTEGER,
  reference           TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX messages_by_state ON messages(state, priority, created_at);
CREATE INDEX messages_by_reference ON messages(reference);

CREATE TABLE message_events (
  message_id TEXT NOT NULL REFERENCES messages(id),
  at         INTEGER NOT NULL,
  state      TEXT NOT NULL,
  detail     TEXT
);
CREATE INDEX message_events_by_message ON message_events(message_id);

-- One row per submitted part, keyed by the SMSC's id in canonical form.
CREATE TABLE message_parts (
  bind       TEXT NOT NULL,
  smsc_id    TEXT NOT NULL,
  message_id TEXT NOT NULL REFERENCES messages(id),
  part       INTEGER NOT NULL,
  state      TEXT NOT NULL,
  error      TEXT,
  PRIMARY KEY (bind, smsc_id)
);
CREATE INDEX message_parts_by_message ON message_parts(message_id);

-- Receipts that arrived before the submit_sm_resp that names their id.
CREATE TABLE pending_receipts (
  bind        TEXT NOT NULL,
  smsc_id     TEXT NOT NULL,
  status      TEXT NOT NULL,
  error       TEXT,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (bind, smsc_id)
);

-- Inbound SMS, committed before the SMSC is answered; processed once.
CREATE TABLE inbound (
  id           TEXT PRIMARY KEY,
  bind         TEXT NOT NULL,
  source       TEXT NOT NULL,
  destination  TEXT NOT NULL,
  body         TEXT NOT NULL,
  parts        INTEGER NOT NULL DEFAULT 1,
  dedupe_key   TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  state        TEXT NOT NULL,
  outcome      TEXT,
  processed_at INTEGER
);
CREATE INDEX inbound_by_dedupe ON inbound(dedupe_key, received_at);
CREATE INDEX inbound_by_state ON inbound(state, received_at);

-- Cases handed to the core system.
CREATE TABLE cases (
  id                TEXT PRIMARY KEY,
  tracking_number   TEXT NOT NULL UNIQUE,
  channel           TEXT NOT NULL,
  msisdn            TEXT,
  language          TEXT NOT NULL,
  category          TEXT,
  description       TEXT NOT NULL,
  recording         TEXT,
  source_ref        TEXT UNIQUE,
  received_at       INTEGER NOT NULL,
  handoff_state     TEXT NOT NULL,
  core_id           TEXT,
  core_tracking     TEXT,
  expected_response INTEGER,
  ack_message_id    TEXT,
  status            TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX cases_by_core_tracking ON cases(core_tracking);
CREATE INDEX cases_by_ack ON cases(channel, ack_message_id);

-- The hand-off outbox: one row per case until the core has it, or until it is dead.
CREATE TABLE outbox (
  case_id         TEXT PRIMARY KEY REFERENCES cases(id),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  state           TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- What Relais remembers of a citizen's number.
CREATE TABLE subscribers (
  msisdn     TEXT PRIMARY KEY,
  language   TEXT,
  updated_at INTEGER NOT NULL
);
