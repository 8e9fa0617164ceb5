-- The queue is read through messages_queue; an index on the state alone cost every state change
-- an index update (three per message) and misled the planner away from the primary key.
DROP INDEX IF EXISTS messages_by_state;

-- Each part knows how many parts its message has, so a receipt settles its part and finds the
-- message's size in one statement.
ALTER TABLE message_parts ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;
UPDATE message_parts SET parts = (SELECT m.parts FROM messages m WHERE m.id = message_parts.message_id)
  WHERE EXISTS (SELECT 1 FROM messages m WHERE m.id = message_parts.message_id AND m.parts > 1);
