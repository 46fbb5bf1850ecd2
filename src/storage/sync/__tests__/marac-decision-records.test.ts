// The coordinators' answers to matches are sealed to the area key inside the referral's record, so the
// referring team (which holds the referral's key) cannot read them: only the area's key opens them.
import type { MatchDecision } from "../../../domain/marac-matching/match-decision";
import { createAreaKey, openAreaKey } from "../area-keys";
import { generateDeviceKeys } from "../device-keys";
import { openDecisions, sealDecisions } from "../marac-decision-records";

const REFERRAL = "00000000-1111-8222-8333-444444444444";
const decision: MatchDecision = {
  newReferralId: REFERRAL,
  heldReferralId: "00000000-5555-8666-8777-888888888888",
  verdict: "confirmed",
  decidedBy: "MARAC Coordinator",
  decidedAt: "2026-12-07T10:00:00.000Z",
  note: "Checked with the police",
};

async function areaKey() {
  const { keys: device } = await generateDeviceKeys();
  const { request } = await createAreaKey(device);
  return { publicKey: request.publicKey, privateKey: await openAreaKey(request, device) };
}

describe("sealed match decisions", () => {
  it("open with the area's key, and with no other", async () => {
    const area = await areaKey();
    const other = await areaKey();
    const sealed = await sealDecisions([decision], area.publicKey, REFERRAL);
    expect(sealed).not.toContain("Checked");
    expect(atob(sealed)).not.toContain("Checked with the police");
    expect(await openDecisions(sealed, area.privateKey, REFERRAL)).toEqual([decision]);
    expect(await openDecisions(sealed, other.privateKey, REFERRAL)).toBeNull();
  });

  it("do not open as another referral's, and refuse decisions about another referral", async () => {
    const area = await areaKey();
    const sealed = await sealDecisions([decision], area.publicKey, REFERRAL);
    const elsewhere = "00000000-9999-8aaa-8bbb-cccccccccccc";
    expect(await openDecisions(sealed, area.privateKey, elsewhere)).toBeNull();
    const moved = await sealDecisions([decision], area.publicKey, elsewhere);
    expect(await openDecisions(moved, area.privateKey, elsewhere)).toBeNull();
  });
});
