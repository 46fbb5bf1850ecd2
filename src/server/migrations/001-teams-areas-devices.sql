-- Teams (one unit of one agency), MARAC areas and the devices enrolled in them. Names are chosen by the
-- operator and never name a refuge or a place (docs/team-server.md). No person's name, no address,
-- no note: a device is a pair of public keys and a role.

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 80),
  -- The team manager key: an ECDH P-256 public key (raw point). Case keys are wrapped to it; its
  -- private half is wrapped to each manager device (wrapped_keys, kind 'manager').
  manager_key_id uuid UNIQUE,
  manager_public_key bytea CHECK (manager_public_key IS NULL OR octet_length(manager_public_key) = 65),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE areas (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 80),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The MARAC areas a team refers to.
CREATE TABLE team_areas (
  team_id uuid NOT NULL REFERENCES teams (id),
  area_id uuid NOT NULL REFERENCES areas (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, area_id)
);

-- One device is one practitioner profile in one browser. Practitioners and managers belong to a team,
-- coordinators to an area.
CREATE TABLE devices (
  id uuid PRIMARY KEY,
  team_id uuid REFERENCES teams (id),
  area_id uuid REFERENCES areas (id),
  role text NOT NULL CHECK (role IN ('practitioner', 'manager', 'coordinator')),
  ecdh_public_key bytea NOT NULL CHECK (octet_length(ecdh_public_key) = 65),
  ecdsa_public_key bytea NOT NULL UNIQUE CHECK (octet_length(ecdsa_public_key) = 65),
  fingerprint text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'revoked')),
  approved_by uuid REFERENCES devices (id),
  approved_at timestamptz,
  revoked_by uuid REFERENCES devices (id),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((team_id IS NULL) <> (area_id IS NULL)),
  CHECK ((role = 'coordinator') = (area_id IS NOT NULL))
);
CREATE INDEX devices_team ON devices (team_id, status);
CREATE INDEX devices_area ON devices (area_id, status);
