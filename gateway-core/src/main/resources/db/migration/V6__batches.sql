-- Relais schema, version 6: batches of notifications (bills, reminders), quiet hours and
-- unusual-consumption alerts. Times are epoch milliseconds (UTC).

-- A batch: staging while its body is read (its recipients are not sendable yet), then open
-- (released to the queue in chunks as it drains), released (every recipient handed to the
-- queue), cancelled, or rejected (a recipient was invalid; its recipients are deleted).
-- released_through is the last seq handed to the queue; the counters avoid counting rows.
CREATE TABLE batches (
  id               TEXT PRIMARY KEY,
  template         TEXT NOT NULL,
  category         TEXT NOT NULL,
  language         TEXT,
  priority         TEXT NOT NULL,
  state            TEXT NOT NULL,
  schedule_at      INTEGER,
  recipients       INTEGER NOT NULL DEFAULT 0,
  segments         INTEGER NOT NULL DEFAULT 0,
  released_through INTEGER NOT NULL DEFAULT 0,
  released         INTEGER NOT NULL DEFAULT 0,
  released_segments INTEGER NOT NULL DEFAULT 0,
  skipped          INTEGER NOT NULL DEFAULT 0,
  skipped_segments INTEGER NOT NULL DEFAULT 0,
  cancelled        INTEGER NOT NULL DEFAULT 0,
  error            TEXT,
  idempotency_key  TEXT UNIQUE,
  name             TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX batches_by_state ON batches(state, created_at);

-- One row per recipient, in the order of the body (seq from 1). state: waiting, released (its
-- message is message_id), skipped_opted_out, cancelled (withdrawn from the queue). The waiting
-- rows of a cancelled batch stay waiting: the batch's state says they will never go.
CREATE TABLE batch_recipients (
  batch_id    TEXT NOT NULL REFERENCES batches(id),
  seq         INTEGER NOT NULL,
  destination TEXT NOT NULL,
  language    TEXT NOT NULL,
  body        TEXT NOT NULL,
  parts       INTEGER NOT NULL,
  reference   TEXT,
  state       TEXT NOT NULL,
  message_id  TEXT,
  PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;

-- A message knows its batch (counts per state) and its category (quiet hours). A message held
-- by quiet hours is queued with next_attempt_at at its largest value until they end.
ALTER TABLE messages ADD COLUMN batch_id TEXT;
ALTER TABLE messages ADD COLUMN category TEXT;
CREATE INDEX messages_by_batch ON messages(batch_id, state) WHERE batch_id IS NOT NULL;
CREATE INDEX messages_held ON messages(category, next_attempt_at) WHERE state = 'queued' AND category IS NOT NULL;

-- Unusual-consumption alerts: at most one per account and period.
CREATE TABLE consumption_alerts (
  account        TEXT NOT NULL,
  period         TEXT NOT NULL,
  msisdn         TEXT NOT NULL,
  current_value  REAL NOT NULL,
  last_year      REAL NOT NULL,
  message_id     TEXT,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (account, period)
);
