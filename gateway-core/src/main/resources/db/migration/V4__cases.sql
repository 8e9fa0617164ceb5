-- Relais schema, version 4: what the citizen hears back about a case, opt-outs, alert zones.

ALTER TABLE cases ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE cases ADD COLUMN first_status_at INTEGER;
ALTER TABLE cases ADD COLUMN answered_at INTEGER;
ALTER TABLE cases ADD COLUMN sla_breached_at INTEGER;
ALTER TABLE cases ADD COLUMN core_token TEXT;
CREATE INDEX cases_by_received ON cases(received_at);
CREATE INDEX cases_by_core_id ON cases(core_id);
CREATE INDEX cases_by_sla ON cases(answered_at, sla_breached_at, expected_response);

-- Every status the core reported, in order; notified_message_id is the SMS that told the citizen.
CREATE TABLE case_status (
  case_id             TEXT NOT NULL REFERENCES cases(id),
  status              TEXT NOT NULL,
  note                TEXT,
  at                  INTEGER NOT NULL,
  source              TEXT NOT NULL,
  notified_message_id TEXT
);
CREATE INDEX case_status_by_case ON case_status(case_id, at);

ALTER TABLE subscribers ADD COLUMN opted_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscribers ADD COLUMN opted_out_at INTEGER;

CREATE TABLE subscriber_zones (
  msisdn     TEXT NOT NULL,
  zone       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (msisdn, zone)
);

-- Small named values that must survive a restart (the Open311 polling cursor, for one).
CREATE TABLE cursors (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
