-- Relais schema, version 2: the SMS connector's durable queue, receipt scopes, and the parts of
-- concatenated inbound texts. Times are epoch milliseconds (UTC).

-- The outbound queue. lane orders what goes first (0 alert, 1 reply, 2 normal, 3 bulk), then age.
-- claim is the random id of the run that holds the message in memory (null: none); a message
-- left claimed by a run that ended is free for the next one. next_attempt_at delays a retry.
ALTER TABLE messages ADD COLUMN lane INTEGER NOT NULL DEFAULT 2;
ALTER TABLE messages ADD COLUMN claim INTEGER;
ALTER TABLE messages ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
UPDATE messages SET lane = CASE priority WHEN 'ALERT' THEN 0 WHEN 'REPLY' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END;
CREATE INDEX messages_queue ON messages(lane, created_at) WHERE state = 'queued';

-- Parts are matched by SMSC id within the bind group their receipts may come back on (scope);
-- bind is the bind that submitted the part. Parts of version 1 keep their bind as scope.
CREATE TABLE message_parts_v2 (
  scope        TEXT NOT NULL,
  smsc_id      TEXT NOT NULL,
  message_id   TEXT NOT NULL REFERENCES messages(id),
  part         INTEGER NOT NULL,
  bind         TEXT NOT NULL,
  state        TEXT NOT NULL,
  error        TEXT,
  submitted_at INTEGER,
  receipt_at   INTEGER,
  PRIMARY KEY (scope, smsc_id)
);
INSERT INTO message_parts_v2 (scope, smsc_id, message_id, part, bind, state, error)
  SELECT bind, smsc_id, message_id, part, bind, state, error FROM message_parts;
DROP TABLE message_parts;
ALTER TABLE message_parts_v2 RENAME TO message_parts;
CREATE INDEX message_parts_by_message ON message_parts(message_id);

ALTER TABLE pending_receipts RENAME COLUMN bind TO scope;

-- The parts of concatenated inbound texts, committed one by one before each is acknowledged.
-- inbound_id is the text a part went into: null while its message waits for other parts; the
-- part that completes a message is committed with the joined text in one transaction.
CREATE TABLE inbound_parts (
  group_key   TEXT NOT NULL,
  number      INTEGER NOT NULL,
  total       INTEGER NOT NULL,
  part_key    TEXT NOT NULL,
  bind        TEXT NOT NULL,
  source      TEXT NOT NULL,
  destination TEXT NOT NULL,
  alphabet    TEXT NOT NULL,
  body        BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  inbound_id  TEXT REFERENCES inbound(id)
);
CREATE INDEX inbound_parts_open ON inbound_parts(group_key, number) WHERE inbound_id IS NULL;
CREATE INDEX inbound_parts_waiting ON inbound_parts(received_at) WHERE inbound_id IS NULL;
CREATE INDEX inbound_parts_by_key ON inbound_parts(part_key, received_at);
CREATE INDEX inbound_parts_by_group ON inbound_parts(group_key, received_at);

-- How many parts of a concatenated text never came (it was delivered after the reassembly timeout).
ALTER TABLE inbound ADD COLUMN missing_parts INTEGER NOT NULL DEFAULT 0;
