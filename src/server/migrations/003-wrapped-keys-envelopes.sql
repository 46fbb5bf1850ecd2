-- Ciphertext only. A case (with its assessments, packs and notes) is encrypted under its own key; the
-- key is stored here only wrapped (encrypted) to a device's ECDH key or to the team manager key.

-- recipient_device_id NULL = wrapped to the team manager key. kind 'manager' rows hold the team manager
-- key's private half wrapped to one manager device.
CREATE TABLE wrapped_keys (
  id bigserial PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  key_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('case', 'manager')),
  recipient_device_id uuid REFERENCES devices (id),
  wrapped bytea NOT NULL CHECK (octet_length(wrapped) BETWEEN 1 AND 1024),
  wrapped_by uuid NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'case' OR recipient_device_id IS NOT NULL)
);
CREATE UNIQUE INDEX wrapped_keys_to_device ON wrapped_keys (key_id, recipient_device_id)
  WHERE recipient_device_id IS NOT NULL;
CREATE UNIQUE INDEX wrapped_keys_to_manager_key ON wrapped_keys (key_id) WHERE recipient_device_id IS NULL;
CREATE INDEX wrapped_keys_team ON wrapped_keys (team_id, key_id);

-- One row per version of one record: never updated, never overwritten. `seq` is the pull cursor.
CREATE TABLE envelopes (
  seq bigserial PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  record_id uuid NOT NULL,
  key_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  author_device_id uuid NOT NULL REFERENCES devices (id),
  ciphertext bytea NOT NULL,
  signature bytea NOT NULL CHECK (octet_length(signature) = 64),
  size integer NOT NULL CHECK (size = octet_length(ciphertext)),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, record_id, version)
);
CREATE INDEX envelopes_team_seq ON envelopes (team_id, seq);
