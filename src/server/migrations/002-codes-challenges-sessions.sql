-- Enrolment codes, challenges and sessions live in the database so that any number of API processes
-- can serve them. Codes and session tokens are kept as SHA-256 hashes only.

-- A code reads XXXX-XXXX-XXXX-XXXX: the first group is its id (stored as is, to find the row and count
-- wrong guesses against it), the other three its secret (stored hashed). `first_of_unit` marks the
-- one-time code the operator prints for a team's first manager (or an area's first coordinator): the
-- device it enrols is approved at once.
CREATE TABLE enrolment_codes (
  id text PRIMARY KEY CHECK (id ~ '^[0-9A-Z]{4}$'),
  secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
  team_id uuid REFERENCES teams (id),
  area_id uuid REFERENCES areas (id),
  role text NOT NULL CHECK (role IN ('practitioner', 'manager', 'coordinator')),
  first_of_unit boolean NOT NULL DEFAULT false,
  issued_by uuid REFERENCES devices (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by uuid REFERENCES devices (id),
  failed_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((team_id IS NULL) <> (area_id IS NULL))
);
CREATE INDEX enrolment_codes_issued ON enrolment_codes (issued_by, created_at);

CREATE TABLE challenges (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices (id),
  nonce bytea NOT NULL CHECK (octet_length(nonce) = 32),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  device_id uuid NOT NULL REFERENCES devices (id),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX challenges_expiry ON challenges (expires_at);
