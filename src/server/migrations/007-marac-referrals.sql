-- Sending to MARAC (issue 17 items 1 and 2). Each MARAC area has an area key: an ECDH P-256 key pair
-- whose private half is stored only wrapped to each approved coordinator device of the area (as the
-- team manager key is to manager devices). A referral is a record of the sending team, under a key of
-- its own (never a case key); that key is wrapped to the area key, which is what lets the area's
-- coordinators read it. Kept apart from wrapped_keys so that nothing a team's keys mean changes.

ALTER TABLE areas
  ADD COLUMN area_key_id uuid UNIQUE,
  ADD COLUMN area_public_key bytea CHECK (area_public_key IS NULL OR octet_length(area_public_key) = 65);

-- The area key's private half, wrapped to one coordinator device of the area.
CREATE TABLE area_key_wraps (
  area_id uuid NOT NULL REFERENCES areas (id),
  key_id uuid NOT NULL,
  recipient_device_id uuid NOT NULL REFERENCES devices (id),
  wrapped bytea NOT NULL CHECK (octet_length(wrapped) BETWEEN 1 AND 1024),
  wrapped_by uuid NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key_id, recipient_device_id)
);

-- A referral's key, wrapped to an area's key by a device of the sending team. Never replaced.
CREATE TABLE area_wrapped_keys (
  key_id uuid NOT NULL,
  area_id uuid NOT NULL REFERENCES areas (id),
  team_id uuid NOT NULL REFERENCES teams (id),
  wrapped bytea NOT NULL CHECK (octet_length(wrapped) BETWEEN 1 AND 1024),
  wrapped_by uuid NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key_id, area_id)
);
CREATE INDEX area_wrapped_keys_area ON area_wrapped_keys (area_id, team_id);

-- Every version of a referral a team's device stores is a send: audited for the team (its managers) and
-- for the area (its coordinators), in the envelope's own statement, whichever way the push took. A
-- coordinator's status record under the same key is not a send (its author is no device of the team).
CREATE FUNCTION envelopes_audit_send() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO team_audit (team_id, area_id, at, action, actor_device_id, subject_key_id, subject_record_id)
  SELECT unit.team_id, unit.area_id, NEW.created_at, 'send', NEW.author_device_id, NEW.key_id, NEW.record_id
  FROM area_wrapped_keys a
  JOIN devices d ON d.id = NEW.author_device_id AND d.team_id = NEW.team_id
  CROSS JOIN LATERAL (VALUES (NEW.team_id, NULL::uuid), (NULL::uuid, a.area_id)) AS unit (team_id, area_id)
  WHERE a.key_id = NEW.key_id AND a.team_id = NEW.team_id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER envelopes_send_audit AFTER INSERT ON envelopes
  FOR EACH ROW EXECUTE FUNCTION envelopes_audit_send();
