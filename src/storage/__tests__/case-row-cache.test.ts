// @vitest-environment node
import { describe, expect, it } from "vitest";
import { TamperEvidenceError } from "../errors";
import { TestClock, createUnlockedProfile, freshVault } from "../../testing/test-vault";

async function profileWithCases(count: number) {
  const clock = new TestClock();
  const setup = freshVault({ clock });
  const practitioner = await createUnlockedProfile(setup.vault, "Practitioner");
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    clock.advance(1000);
    ids.push((await practitioner.session.saveCase({ details: { n: index }, summary: { flags: [] } })).id);
  }
  return { ...setup, ...practitioner, ids, clock };
}

describe("the case rows held between lists (case-row-cache.ts)", () => {
  it("lists newest first, the same as a fresh read, whether held or read afresh", async () => {
    const { session, ids } = await profileWithCases(4);
    const first = await session.listCaseSummaries();
    expect(first.map((summary) => summary.id)).toEqual([...ids].reverse());
    expect(await session.listCaseSummaries()).toEqual(first);
  });

  it("shows every write of the session at once (a write moves the manifest head on)", async () => {
    const { session, ids, clock } = await profileWithCases(2);
    await session.listCaseSummaries();
    clock.advance(1000);
    const updated = await session.saveCase({ id: ids[0]!, details: { n: 0, changed: true } });
    clock.advance(1000);
    const added = await session.saveCase({ details: { n: 9 }, summary: { flags: [] } });
    const listed = await session.listCaseSummaries();
    expect(listed.map((summary) => summary.id)).toEqual([added.id, updated.id, ids[1]]);
  });

  it("reads afresh when a row was added behind the app's back, and refuses it", async () => {
    const { db, session, profileId, ids } = await profileWithCases(2);
    await session.listCaseSummaries();
    const row = (await db.cases.get([profileId, ids[0]!]))!;
    await db.cases.put({ ...row, id: crypto.randomUUID() });
    await expect(session.listCaseSummaries()).rejects.toBeInstanceOf(TamperEvidenceError);
  });

  it("an altered row behind the app's back is refused by the next list after any write", async () => {
    const { db, session, profileId, ids } = await profileWithCases(2);
    await session.listCaseSummaries();
    const row = (await db.cases.get([profileId, ids[1]!]))!;
    await db.cases.put({ ...row, riskLevel: "standard" === row.riskLevel ? "high" : "standard" });
    await session.saveCase({ id: ids[0]!, details: { n: 0, changed: true } });
    await expect(session.listCaseSummaries()).rejects.toBeInstanceOf(TamperEvidenceError);
  });

  it("hands out summaries whose shared parts cannot be changed in place", async () => {
    const { session } = await profileWithCases(1);
    const [summary] = await session.listCaseSummaries();
    expect(() => (summary!.flags as string[]).push("marac-sent")).toThrow(TypeError);
    expect((await session.listCaseSummaries())[0]!.flags).toEqual([]);
  });
});
