-- IVR, version 3: calls, callback requests and their attempts, and what look-ups read.
-- Times are epoch milliseconds (UTC).

-- One row per call when it ends: how it ended and how far the caller got (path: the nodes, in order).
CREATE TABLE calls (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  call_id    TEXT NOT NULL,
  flow       TEXT NOT NULL,
  caller     TEXT,
  language   TEXT,
  ending     TEXT NOT NULL,
  route      TEXT,
  last_node  TEXT,
  steps      INTEGER NOT NULL,
  path       TEXT,
  started_at INTEGER NOT NULL,
  ended_at   INTEGER NOT NULL
);
CREATE INDEX calls_by_call_id ON calls(call_id);
CREATE INDEX calls_by_end ON calls(ended_at);

-- Callback requests: pending -> dialling -> answered | pending (retry) | failed.
CREATE TABLE callbacks (
  id              TEXT PRIMARY KEY,
  msisdn          TEXT NOT NULL,
  language        TEXT NOT NULL,
  queue           TEXT NOT NULL,
  topic           TEXT,
  hours           TEXT,
  flow            TEXT,
  source_ref      TEXT UNIQUE,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_outcome    TEXT,
  last_detail     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX callbacks_due ON callbacks(state, next_attempt_at);

-- Every call placed for a callback, and how it went.
CREATE TABLE callback_attempts (
  callback_id TEXT NOT NULL REFERENCES callbacks(id),
  attempt     INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  outcome     TEXT NOT NULL,
  detail      TEXT,
  channel_id  TEXT,
  PRIMARY KEY (callback_id, attempt)
);

-- Customer accounts and the numbers they call from (account_by_caller, account look-ups).
CREATE TABLE accounts (
  account    TEXT PRIMARY KEY,
  msisdn     TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX accounts_by_msisdn ON accounts(msisdn);

-- Suppliers' invoices and where their payment stands (invoice_status look-ups).
CREATE TABLE supplier_invoices (
  invoice      TEXT PRIMARY KEY,
  supplier     TEXT,
  status       TEXT NOT NULL,
  amount_cents INTEGER,
  updated_at   INTEGER NOT NULL
);
