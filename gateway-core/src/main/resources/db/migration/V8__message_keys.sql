-- Relais schema, version 8: the client's Idempotency-Key of a message, so that a request sent
-- again (its answer lost) finds the message queued the first time instead of queuing another.
ALTER TABLE messages ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX messages_by_idempotency_key ON messages(idempotency_key) WHERE idempotency_key IS NOT NULL;
