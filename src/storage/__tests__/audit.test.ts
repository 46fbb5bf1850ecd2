// @vitest-environment node
import { describe, expect, it } from "vitest";
import { AUDIT_DETAIL_MAX_LENGTH } from "../audit";
import type { AuditAction } from "../db";
import { exportVault } from "../backup-export";
import { InvalidInputError } from "../errors";
import { TestClock, PASSPHRASE, TEST_ITERATIONS, createUnlockedProfile, freshVault } from "../../testing/test-vault";

describe("audit trail", () => {
  it("records view, edit, export, share-pack, delete, lock, unlock and passphrase change", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const { profileId, session } = await createUnlockedProfile(vault);
    const tick = () => clock.advance(1_000);

    const created = await session.saveCase({ details: { name: "X" } });
    tick();
    await session.saveCase({ id: created.id, details: { name: "Y" } });
    tick();
    await session.getCase(created.id);
    tick();
    await exportVault(session, { passphrase: "export passphrase", caseIds: [created.id], iterations: TEST_ITERATIONS });
    tick();
    await session.recordAudit("share-pack", { caseId: created.id, detail: "marac pack emailed" });
    tick();
    await session.changePassphrase(PASSPHRASE, "the next passphrase");
    tick();
    await session.deleteCase(created.id);
    tick();
    await session.lock();
    tick();
    const next = await vault.unlock(profileId, "the next passphrase");

    const actions = (await next.listAudit()).map((entry) => entry.action).reverse();
    expect(actions).toEqual<AuditAction[]>([
      "create", // profile
      "unlock",
      "create", // case (covers the edit that follows in the same session)
      "view",
      "export",
      "share-pack",
      "passphrase-change",
      "delete",
      "lock",
      "unlock",
    ]);
    // Entries about the deleted case survive its deletion, and can be filtered by case.
    const forCase = await next.listAudit({ caseId: created.id });
    expect(forCase.map((entry) => entry.action)).toEqual(["delete", "share-pack", "export", "view", "create"]);
  });

  it('records one "edit" per record per session, not one per autosave', async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const created = await session.saveCase({ details: {} });
    for (let index = 0; index < 10; index += 1) await session.saveCase({ id: created.id, details: { index } });
    const edits = (await session.listAudit({ caseId: created.id })).filter((entry) => entry.action === "edit");
    expect(edits).toHaveLength(0); // creating the case in this session already covers its edits
    await session.lock();
  });

  it("records failed unlocks, without deleting anything", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { profileId, session } = await createUnlockedProfile(vault);
    await session.lock();
    await vault.unlock(profileId, "wrong passphrase").catch(() => undefined);
    const next = await vault.unlock(profileId, PASSPHRASE);
    const actions = (await next.listAudit()).map((entry) => entry.action);
    expect(actions.slice(0, 3)).toEqual(["unlock", "unlock-failed", "lock"]);
  });

  it("refuses unknown actions and over-long details (which would suggest content is leaking into clear text)", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    await expect(session.recordAudit("peek" as AuditAction)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      session.recordAudit("view", { detail: "x".repeat(AUDIT_DETAIL_MAX_LENGTH + 1) }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("edit is recorded once for a case created in an earlier session", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { profileId, session } = await createUnlockedProfile(vault);
    const created = await session.saveCase({ details: {} });
    await session.lock();
    const next = await vault.unlock(profileId, PASSPHRASE);
    for (let index = 0; index < 5; index += 1) await next.saveCase({ id: created.id, details: { index } });
    const edits = (await next.listAudit({ caseId: created.id })).filter((entry) => entry.action === "edit");
    expect(edits).toHaveLength(1);
  });
});
