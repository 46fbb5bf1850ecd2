import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readActivePolicy } from "../../../storage/policy-setting";
import { unlockedSession } from "../../../testing/test-vault";
import { SettingsScreen } from "../settings-screen";

const policyFile = (content: unknown, name = "policy.json") =>
  new File([typeof content === "string" ? content : JSON.stringify(content)], name, { type: "application/json" });

async function load(user: ReturnType<typeof userEvent.setup>, content: unknown): Promise<void> {
  await user.upload(screen.getByLabelText("Load a policy file (JSON)"), policyFile(content));
}

describe("settings: the local policy", () => {
  it("shows the default, accepts a valid policy file, and goes back to the default", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<SettingsScreen session={session} />);
    const inUse = async () => (await screen.findByText("Policy in use", { selector: "dt" })).closest("div")!;
    expect(await inUse()).toHaveTextContent('The shipped default ("default"), version 1');

    await load(user, { name: "west-area", version: 3, highRiskYesCount: 12 });
    expect(
      await screen.findByText('Policy "west-area" version 3 is now in use for new assessments.'),
    ).toBeInTheDocument();
    expect(await inUse()).toHaveTextContent('"west-area", version 3');
    expect(screen.getByText("High risk at", { selector: "dt" }).closest("div")).toHaveTextContent("12 yes answers");
    expect((await readActivePolicy(session)).policy).toMatchObject({
      name: "west-area",
      version: 3,
      highRiskYesCount: 12,
    });

    await user.click(screen.getByRole("button", { name: "Go back to the default policy" }));
    expect(await screen.findByText("The default policy is now in use for new assessments.")).toBeInTheDocument();
    expect((await readActivePolicy(session)).isDefault).toBe(true);
  });

  it('opens with no "There is a problem" box; it and the title\'s "Error: " appear only when a file is refused', async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<SettingsScreen session={session} />);
    await screen.findByText("Policy in use", { selector: "dt" });
    expect(screen.queryByText("There is a problem")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(document.title).toBe("Settings – Safe Referral");

    await load(user, "not json");
    expect(await screen.findByRole("alert", { name: "There is a problem" })).toBeInTheDocument();
    expect(document.title).toBe("Error: Settings – Safe Referral");
  });

  it("refuses a file that would switch off a locked rule, naming the rule, and keeps the policy in use", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<SettingsScreen session={session} />);
    await screen.findByText("Policy in use", { selector: "dt" });
    await load(user, { name: "weak", version: 1, rules: { strangulation: false, "threats-to-kill": false } });

    const summary = await screen.findByRole("alert");
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual([
      "rules.strangulation: the strangulation rule is locked: it can never be switched off (only true is accepted)",
      "rules.threats-to-kill: the threats-to-kill rule is locked: it can never be switched off (only true is accepted)",
    ]);
    for (const link of links) expect(link).toHaveAttribute("href", "#policy-file");
    expect(summary).toHaveTextContent("The policy in use has not changed.");
    expect((await readActivePolicy(session)).isDefault).toBe(true);
  });

  it("lists every reason an invalid file is refused, and refuses text that is not JSON", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<SettingsScreen session={session} />);
    await screen.findByText("Policy in use", { selector: "dt" });
    await load(user, { version: 0, highRiskYesCount: 5, mediumRiskYesCount: 9, colour: "red" });
    const summary = await screen.findByRole("alert");
    const reasons = within(summary)
      .getAllByRole("link")
      .map((link) => link.textContent);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: name is required/),
        expect.stringMatching(/^version: version must be a whole number of at least 1/),
        expect.stringMatching(/^colour: unknown/),
      ]),
    );
    expect(screen.getByLabelText("Load a policy file (JSON)")).toHaveAttribute("aria-invalid", "true");

    await load(user, "{ not json");
    expect(
      within(await screen.findByRole("alert")).getByRole("link", { name: /^The file is not valid JSON/ }),
    ).toBeInTheDocument();
    expect((await readActivePolicy(session)).isDefault).toBe(true);
  });
});

describe("settings: the team", () => {
  it("opens the Team screen when the app offers it", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    const onOpenTeam = vi.fn();
    render(<SettingsScreen session={session} onOpenTeam={onOpenTeam} />);
    const team = await screen.findByRole("region", { name: "Team" });
    await user.click(within(team).getByRole("button", { name: "Team sync" }));
    expect(onOpenTeam).toHaveBeenCalledOnce();
  });
});
