-- Relais schema, version 7: what a subscriber asked for (channels, consents, place) and CAP alerts
-- with one row per recipient and channel. Times are epoch milliseconds (UTC).

ALTER TABLE subscribers ADD COLUMN channel_sms INTEGER NOT NULL DEFAULT 1;
ALTER TABLE subscribers ADD COLUMN channel_voice INTEGER NOT NULL DEFAULT 0;
-- Consents per category: 1 given, 0 refused, null never asked.
ALTER TABLE subscribers ADD COLUMN consent_alerts INTEGER;
ALTER TABLE subscribers ADD COLUMN consent_bills INTEGER;
ALTER TABLE subscribers ADD COLUMN consent_case_status INTEGER;
-- Testers receive the alerts of status Test and Exercise; nobody else does.
ALTER TABLE subscribers ADD COLUMN tester INTEGER NOT NULL DEFAULT 0;
UPDATE subscribers SET consent_alerts = 1 WHERE msisdn IN (SELECT msisdn FROM subscriber_zones);
CREATE INDEX subscriber_zones_by_zone ON subscriber_zones(zone);

-- Where a subscriber lives; the R*Tree indexes the points so that an area finds them in one range
-- query. Its box is kept in 32-bit floats; the exact point and the number ride along as auxiliary
-- columns, so a query needs no join to read them.
CREATE TABLE subscriber_places (
  id     INTEGER PRIMARY KEY,
  msisdn TEXT NOT NULL UNIQUE,
  lat    REAL NOT NULL,
  lon    REAL NOT NULL
);
CREATE VIRTUAL TABLE subscriber_places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon, +msisdn, +lat, +lon);

-- CAP alerts as received (cap: the canonical JSON form), and where their fan-out stands:
-- targeting -> sending -> done | cancelled; superseded_by names the Update or Cancel that replaced it.
CREATE TABLE alerts (
  id             TEXT PRIMARY KEY,
  identifier     TEXT NOT NULL,
  sender         TEXT NOT NULL,
  sent           TEXT NOT NULL,
  status         TEXT NOT NULL,
  msg_type       TEXT NOT NULL,
  cap            TEXT NOT NULL,
  state          TEXT NOT NULL,
  requested_by   TEXT,
  approved_by    TEXT,
  superseded_by  TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (sender, identifier, sent)
);
CREATE INDEX alerts_by_state ON alerts(state);

-- One row per recipient and channel: sms rows point at their message; voice rows carry their calls.
-- state: pending -> queued (sms) | dialling -> answered | confirmed | failed; cancelled.
CREATE TABLE alert_recipients (
  alert_id        TEXT NOT NULL REFERENCES alerts(id),
  msisdn          TEXT NOT NULL,
  channel         TEXT NOT NULL,
  language        TEXT NOT NULL,
  state           TEXT NOT NULL,
  message_id      TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  outcome         TEXT,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (alert_id, channel, msisdn)
) WITHOUT ROWID;
-- Only calls are looked for by state; SMS rows are followed through their message.
CREATE INDEX alert_recipients_due ON alert_recipients(state, next_attempt_at) WHERE channel = 'voice';
