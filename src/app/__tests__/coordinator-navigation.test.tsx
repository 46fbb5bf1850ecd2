// A MARAC coordinator's device opens on the MARAC inbox, and its menu leaves out the practitioners'
// sections (cases, assessment, referral packs, review), which make no sense on it.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { VaultSession } from "../../storage/vault-session";
import { FakeMaracNetwork, fakeTeamSync } from "../../testing/fake-marac";
import { PASSPHRASE, createUnlockedProfile, freshVault } from "../../testing/test-vault";
import { App } from "../app";

async function openApp(role: "coordinator" | "practitioner") {
  const user = userEvent.setup();
  const network = new FakeMaracNetwork();
  const area = network.addArea("Northshire MARAC");
  const teamSync = fakeTeamSync({ role, coordinator: network.coordinator(area) });
  vi.spyOn(VaultSession.prototype, "openTeamSync").mockResolvedValue(teamSync);
  const { vault } = freshVault();
  await createUnlockedProfile(vault);
  render(<App vault={vault} />);
  await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
  await user.click(screen.getByRole("button", { name: "Unlock" }));
  return user;
}

const nav = () => screen.getByRole("navigation", { name: "Sections" });

describe("a MARAC coordinator's device", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("opens on the MARAC inbox, with only the sections a coordinator uses", async () => {
    const user = await openApp("coordinator");
    expect(await screen.findByRole("heading", { level: 1, name: "MARAC inbox" })).toBeInTheDocument();
    expect(screen.getByText(/Referrals sent to Northshire MARAC/)).toBeInTheDocument();
    const buttons = within(nav())
      .getAllByRole("button")
      .map((button) => button.textContent);
    expect(buttons).toEqual(["MARAC inbox", "Backup and data", "Settings", "About"]);
    expect(within(nav()).getByRole("button", { name: "MARAC inbox" })).toHaveAttribute("aria-current", "page");

    await user.click(within(nav()).getByRole("button", { name: "About" }));
    await user.click(within(nav()).getByRole("button", { name: "MARAC inbox" }));
    expect(await screen.findByRole("heading", { level: 1, name: "MARAC inbox" })).toBeInTheDocument();
  });

  it("a practitioner's device has no MARAC inbox", async () => {
    await openApp("practitioner");
    await screen.findByRole("heading", { level: 1, name: "Your cases" });
    expect(within(nav()).queryByRole("button", { name: "MARAC inbox" })).toBeNull();
    expect(within(nav()).getByRole("button", { name: "Cases" })).toHaveAttribute("aria-current", "page");
  });
});
