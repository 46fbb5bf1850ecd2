-- Reassigning a leaver's cases (issue 17 item 3): a manager's device gives a practitioner's device the
-- keys of cases another practitioner's device held. The wrapping itself is stored in wrapped_keys like any
-- case key's; this table says it was a grant, so the receiving device can ask "which keys was I given
-- after my cursor?" and pull those keys' earlier envelopes (its sequence cursor is already past them).
-- Never updated or deleted. One grant per (key, recipient): a repeat stores nothing.
CREATE TABLE key_grants (
  id bigserial PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  key_id uuid NOT NULL,
  recipient_device_id uuid NOT NULL REFERENCES devices (id),
  -- The practitioner's device whose case it was (removed or not).
  from_device_id uuid NOT NULL REFERENCES devices (id),
  granted_by uuid NOT NULL REFERENCES devices (id),
  at timestamptz NOT NULL,
  UNIQUE (key_id, recipient_device_id),
  CHECK (recipient_device_id <> from_device_id)
);
CREATE INDEX key_grants_recipient ON key_grants (recipient_device_id, id);

-- A device given a key pulls that key's envelopes, oldest first.
CREATE INDEX envelopes_key_seq ON envelopes (key_id, seq);

-- The audit gains "reassign" (subject device: the receiving device; subject key: the key given) and the
-- device the case moved from. Adding a nullable column rewrites no row, so the append-only triggers
-- (which refuse UPDATE) are untouched. The action list is replaced, adding only that one.
ALTER TABLE team_audit ADD COLUMN subject_from_device_id uuid REFERENCES devices (id);
ALTER TABLE team_audit DROP CONSTRAINT team_audit_action_check;
ALTER TABLE team_audit ADD CONSTRAINT team_audit_action_check
  CHECK (action IN ('enrol', 'approve', 'revoke', 'share-key', 'send', 'rotate-key', 'reassign'));
