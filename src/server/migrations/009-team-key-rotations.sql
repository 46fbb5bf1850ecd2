-- Replacing the team manager key after a manager's device is removed (issue 17 item 3; docs/decisions.md
-- §34). The removed manager's device held the team key, which opens every case key wrapped to it, so the
-- acting manager's device makes a new key pair, wraps its private half to each remaining approved manager
-- device (wrapped_keys, kind 'manager', as before) and publishes it here with its signature over
-- (team, sequence, old key id and public key, new key id and public key). Devices re-pin the team key only
-- on such a statement from a manager device they know. `old_key_wrapped` is the old key's private half
-- sealed to the new key, so whoever holds the new key still opens case keys wrapped to older ones (old
-- envelopes are never re-encrypted); the removed device learns nothing from it, it held the old key.
-- Never updated or deleted; one rotation per sequence number and per old key.
CREATE TABLE team_key_rotations (
  id bigserial PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  sequence integer NOT NULL CHECK (sequence >= 1),
  old_key_id uuid NOT NULL UNIQUE,
  new_key_id uuid NOT NULL UNIQUE,
  old_public_key bytea NOT NULL CHECK (octet_length(old_public_key) = 65),
  new_public_key bytea NOT NULL CHECK (octet_length(new_public_key) = 65),
  old_key_wrapped bytea NOT NULL CHECK (octet_length(old_key_wrapped) BETWEEN 1 AND 1024),
  revoked_device_id uuid NOT NULL REFERENCES devices (id),
  rotated_by uuid NOT NULL REFERENCES devices (id),
  signature bytea NOT NULL CHECK (octet_length(signature) = 64),
  at timestamptz NOT NULL,
  UNIQUE (team_id, sequence),
  CHECK (old_key_id <> new_key_id)
);

-- Which team manager key a case key's wrapping to "the manager key" (recipient NULL) was sealed to, so the
-- server knows which case keys a removed manager's device could open (held until rotated) and refuses a
-- new wrapping to a team key that has been replaced. Every existing such wrapping was sealed to the team's
-- one key so far.
ALTER TABLE wrapped_keys ADD COLUMN manager_key_id uuid;
UPDATE wrapped_keys w SET manager_key_id = t.manager_key_id
  FROM teams t WHERE w.team_id = t.id AND w.recipient_device_id IS NULL;
CREATE INDEX wrapped_keys_manager_key ON wrapped_keys (manager_key_id) WHERE manager_key_id IS NOT NULL;

-- A rotation of the team key is audited as its own action ("rotate-team-key": subject key = the old team
-- key, subject device = the removed manager's device). The list of actions in 008 is replaced, adding only that one.
ALTER TABLE team_audit DROP CONSTRAINT team_audit_action_check;
ALTER TABLE team_audit ADD CONSTRAINT team_audit_action_check
  CHECK (action IN ('enrol', 'approve', 'revoke', 'share-key', 'send', 'rotate-key', 'reassign', 'rotate-team-key'));
