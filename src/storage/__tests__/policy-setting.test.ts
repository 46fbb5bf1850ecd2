import { DEFAULT_POLICY } from "../../domain/policy";
import { ACTIVE_POLICY_SETTING, readActivePolicy, revertToDefaultPolicy, saveActivePolicy } from "../policy-setting";
import { TestClock, freshVault, PASSPHRASE } from "../../testing/test-vault";

async function session() {
  const { vault } = freshVault({ clock: new TestClock() });
  const { profileId } = await vault.createProfile("PC 1234 Smith", PASSPHRASE);
  return vault.unlock(profileId, PASSPHRASE);
}

describe("active policy setting", () => {
  it("is the shipped default until a policy is loaded, then the loaded one, then the default again", async () => {
    const s = await session();
    expect(await readActivePolicy(s)).toEqual({ policy: DEFAULT_POLICY, isDefault: true });

    await saveActivePolicy(s, { name: "west-area", version: 3, highRiskYesCount: 12 });
    const loaded = await readActivePolicy(s);
    expect(loaded.isDefault).toBe(false);
    expect(loaded.policy).toMatchObject({
      name: "west-area",
      version: 3,
      highRiskYesCount: 12,
      mediumRiskYesCount: 10,
    });

    await revertToDefaultPolicy(s);
    expect(await readActivePolicy(s)).toEqual({ policy: DEFAULT_POLICY, isDefault: true });
  });

  it("re-validates what is stored: a file that weakens a locked rule falls back to the default, saying so", async () => {
    const s = await session();
    await s.setSetting(
      ACTIVE_POLICY_SETTING,
      { name: "tampered", version: 1, rules: { strangulation: false } },
      { sensitive: false },
    );
    const active = await readActivePolicy(s);
    expect(active.policy).toBe(DEFAULT_POLICY);
    expect(active.problem).toMatch(/no longer valid/);
  });
});
