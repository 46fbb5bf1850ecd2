-- Key rotation (issue 17 item 3): when a device is removed, every case key it could read is replaced,
-- for all later writes, by a fresh key it never gets. A new key's wrappings are stored in wrapped_keys
-- like any case key's (never to a removed device); this table says which key it replaces, why, and
-- carries the rotating manager device's signature over (team, old key, new key, commitment to the new
-- key's bytes), so devices check a new key was made by a manager and not handed to them by the server.
-- Never updated or deleted: a key is rotated once (old_key_id unique) and a new key replaces one key.
CREATE TABLE key_rotations (
  id bigserial PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  old_key_id uuid NOT NULL UNIQUE,
  new_key_id uuid NOT NULL UNIQUE,
  -- The removed device that could read the old key.
  revoked_device_id uuid NOT NULL REFERENCES devices (id),
  rotated_by uuid NOT NULL REFERENCES devices (id),
  commitment bytea NOT NULL CHECK (octet_length(commitment) = 32),
  signature bytea NOT NULL CHECK (octet_length(signature) = 64),
  at timestamptz NOT NULL,
  CHECK (old_key_id <> new_key_id)
);
CREATE INDEX key_rotations_team ON key_rotations (team_id, id);

-- A rotation is audited as its own action ("rotate-key": subject key = the old key, subject device = the
-- removed device). The list of actions in 005 is replaced, adding only that one.
ALTER TABLE team_audit DROP CONSTRAINT team_audit_action_check;
ALTER TABLE team_audit ADD CONSTRAINT team_audit_action_check
  CHECK (action IN ('enrol', 'approve', 'revoke', 'share-key', 'send', 'rotate-key'));
