-- The team's audit: one row per enrol, approve, revoke, case-key share and (issue 17 item 1, not used
-- yet) send. Append-only: the server's code only ever INSERTs here, and the triggers below refuse any
-- UPDATE, DELETE or TRUNCATE, so not even a bug (or a careless operator's SQL through the server's own
-- role) can rewrite what happened. No free text from clients: ids, an action from a fixed list, a time.
CREATE TABLE team_audit (
  id bigserial PRIMARY KEY,
  team_id uuid REFERENCES teams (id),
  area_id uuid REFERENCES areas (id),
  at timestamptz NOT NULL,
  action text NOT NULL CHECK (action IN ('enrol', 'approve', 'revoke', 'share-key', 'send')),
  -- The device that acted (the enrolling device itself, for an enrolment).
  actor_device_id uuid NOT NULL REFERENCES devices (id),
  -- What it acted on: a device (approved, revoked, or given a key: NULL there = the team manager key),
  -- a case key, a record (a send).
  subject_device_id uuid REFERENCES devices (id),
  subject_key_id uuid,
  subject_record_id uuid,
  CHECK ((team_id IS NULL) <> (area_id IS NULL))
);
CREATE INDEX team_audit_team ON team_audit (team_id, id) WHERE team_id IS NOT NULL;
CREATE INDEX team_audit_area ON team_audit (area_id, id) WHERE area_id IS NOT NULL;

CREATE FUNCTION team_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'team_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER team_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON team_audit
  FOR EACH ROW EXECUTE FUNCTION team_audit_is_append_only();
CREATE TRIGGER team_audit_no_truncate BEFORE TRUNCATE ON team_audit
  FOR EACH STATEMENT EXECUTE FUNCTION team_audit_is_append_only();
