// @vitest-environment node
// The autosave fast path for drafts keeps every check of a normal write: nothing is written when
// the case is gone, the assessment is completed or belongs elsewhere, or the profile was wiped.
import { describe, expect, it } from 'vitest';
import { AssessmentCompletedError, InvalidInputError, RecordNotFoundError, VaultLockedError } from '../errors';
import { createUnlockedProfile, dumpAllStores, freshVault } from './helpers';

const draft = (caseId: string, content: unknown, id?: string) => ({
  ...(id === undefined ? {} : { id }),
  caseId,
  questionSetId: 'dash-ric-24',
  questionSetVersion: '1',
  policyName: 'default',
  policyVersion: '1',
  content,
});

describe('draft autosave write', () => {
  it('creates, then updates, a draft; audits one create and at most one edit per session', async () => {
    const { vault, db } = freshVault();
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: { name: 'x' } });
    const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
    for (let i = 2; i <= 5; i++) await session.saveAssessmentDraft(draft(saved.id, { q: i }, first.id));
    expect((await session.getAssessment(first.id)).content).toEqual({ q: 5 });
    const actions = (await db.audit.toArray()).filter((a) => a.detail === 'assessment' && a.action !== 'view').map((a) => a.action);
    expect(actions).toEqual(['create']);
    expect((await db.assessments.toArray())).toHaveLength(1);
  });

  it('refuses a draft for a deleted case and writes nothing', async () => {
    const { vault, db } = freshVault();
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    await session.deleteCase(saved.id);
    const before = await dumpAllStores(db);
    await expect(session.saveAssessmentDraft(draft(saved.id, { late: true }))).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it('refuses to alter a completed assessment or move a draft to another case', async () => {
    const { vault, db } = freshVault();
    const { session } = await createUnlockedProfile(vault);
    const a = await session.saveCase({ details: {} });
    const b = await session.saveCase({ details: {} });
    const d = await session.saveAssessmentDraft(draft(a.id, { q: 1 }));
    await expect(session.saveAssessmentDraft(draft(b.id, { q: 2 }, d.id))).rejects.toBeInstanceOf(InvalidInputError);
    await session.completeAssessment({ id: d.id, content: { q: 1 }, outcome: {}, riskLevel: 'high' });
    const before = await dumpAllStores(db);
    await expect(session.saveAssessmentDraft(draft(a.id, { q: 3 }, d.id))).rejects.toBeInstanceOf(AssessmentCompletedError);
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it('locks the session when its profile was wiped elsewhere', async () => {
    const { vault, db } = freshVault();
    const { session, profileId } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    await db.profiles.delete(profileId); // another tab wiped this profile
    await expect(session.saveAssessmentDraft(draft(saved.id, {}))).rejects.toBeInstanceOf(VaultLockedError);
    expect(await db.assessments.count()).toBe(0);
    expect(session.isLocked).toBe(true);
  });
});
