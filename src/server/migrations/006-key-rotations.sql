-- Placeholder for branch `rekey`'s migration 006 (key rotation), so that 007 applies on this branch
-- without a gap. Dropped when the branches merge.
SELECT 1;
