// @vitest-environment node
// Packs' clear readyAt / sentAt fields (additive): set, kept across later saves, validated, carried
// through a backup; and the "share-pack" audit entry that names the copy handed over.
import { describe, expect, it } from "vitest";
import { exportVault } from "../backup-export";
import { importBackup } from "../backup-import";
import { InvalidInputError } from "../errors";
import { TestClock, TEST_ITERATIONS, createUnlockedProfile, dumpAllStores, freshVault } from "../../testing/test-vault";

describe("pack readyAt and sentAt", () => {
  it("stores them in clear on the row, keeps them when a later save omits them, and clears them with null", async () => {
    const { vault, db } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    const pack = await session.savePack({
      caseId: saved.id,
      kind: "marac",
      status: "ready",
      content: {},
      readyAt: "2025-03-01T09:00:00.000Z",
    });
    expect(pack.readyAt).toBe("2025-03-01T09:00:00.000Z");
    expect(pack.sentAt).toBeUndefined();

    const sent = await session.savePack({
      id: pack.id,
      caseId: saved.id,
      kind: "marac",
      status: "sent",
      content: {},
      sentAt: "2025-03-01T10:00:00.000Z",
    });
    expect(sent).toMatchObject({
      status: "sent",
      readyAt: "2025-03-01T09:00:00.000Z",
      sentAt: "2025-03-01T10:00:00.000Z",
    });
    expect((await session.listPacks(saved.id))[0]).toMatchObject({
      status: "sent",
      sentAt: "2025-03-01T10:00:00.000Z",
    });
    const rows = (await dumpAllStores(db)).packs as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ readyAt: "2025-03-01T09:00:00.000Z", sentAt: "2025-03-01T10:00:00.000Z" });

    const back = await session.savePack({
      id: pack.id,
      caseId: saved.id,
      kind: "marac",
      status: "draft",
      content: {},
      readyAt: null,
      sentAt: null,
    });
    expect(back).toMatchObject({ readyAt: null, sentAt: null });
  });

  it("a pack saved without them has neither (existing behaviour unchanged)", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    const pack = await session.savePack({ caseId: saved.id, kind: "marac", status: "draft", content: {} });
    expect("readyAt" in pack).toBe(false);
    expect("sentAt" in pack).toBe(false);
  });

  it("refuses anything but an ISO time (no free text in a clear field)", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    await expect(
      session.savePack({ caseId: saved.id, kind: "marac", status: "sent", content: {}, sentAt: "sent to Jo Bloggs" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("travels in a backup", async () => {
    const source = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(source.vault);
    const saved = await session.saveCase({ details: {} });
    await session.savePack({
      caseId: saved.id,
      kind: "s42",
      status: "sent",
      content: {},
      readyAt: "2025-03-01T09:00:00.000Z",
      sentAt: "2025-03-01T10:00:00.000Z",
    });
    const exported = await exportVault(session, { passphrase: "handed over separately", iterations: TEST_ITERATIONS });
    const target = freshVault({ clock: new TestClock() });
    const { session: other } = await createUnlockedProfile(target.vault);
    await importBackup(other, exported.text, "handed over separately");
    expect((await other.listPacks(saved.id))[0]).toMatchObject({
      kind: "s42",
      status: "sent",
      readyAt: "2025-03-01T09:00:00.000Z",
      sentAt: "2025-03-01T10:00:00.000Z",
    });
  });
});

describe("sharing a pack is audited", () => {
  it('records "share-pack" with the copy named and no case content', async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    await session.recordAudit("share-pack", { caseId: saved.id, detail: "marac pack, shareable copy, PDF download" });
    const [entry] = await session.listAudit({ caseId: saved.id, limit: 1 });
    expect(entry).toMatchObject({
      action: "share-pack",
      actor: "practitioner",
      caseId: saved.id,
      detail: "marac pack, shareable copy, PDF download",
    });
    expect(entry?.at).toBe("2025-03-01T09:00:00.000Z");
  });
});
