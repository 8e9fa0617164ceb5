-- Relais schema, version 9: fewer b-trees touched per outbound message.
-- The parts are found by their key only (scope, SMSC id) or by message: a table without rowid
-- keeps each row in the key's own b-tree instead of a rowid table plus an index of the key.
CREATE TABLE message_parts_v9 (
  scope        TEXT NOT NULL,
  smsc_id      TEXT NOT NULL,
  message_id   TEXT NOT NULL REFERENCES messages(id),
  part         INTEGER NOT NULL,
  bind         TEXT NOT NULL,
  state        TEXT NOT NULL,
  error        TEXT,
  submitted_at INTEGER,
  receipt_at   INTEGER,
  parts        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (scope, smsc_id)
) WITHOUT ROWID;
INSERT INTO message_parts_v9 (scope, smsc_id, message_id, part, bind, state, error, submitted_at, receipt_at, parts)
  SELECT scope, smsc_id, message_id, part, bind, state, error, submitted_at, receipt_at, parts FROM message_parts;
DROP TABLE message_parts;
ALTER TABLE message_parts_v9 RENAME TO message_parts;
CREATE INDEX message_parts_by_message ON message_parts(message_id);

-- Most messages have no reference: the index holds only those that have one.
DROP INDEX messages_by_reference;
CREATE INDEX messages_by_reference ON messages(reference) WHERE reference IS NOT NULL;
