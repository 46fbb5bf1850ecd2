import { render, screen } from "@testing-library/react";
import { ErrorSummary } from "../error-summary";
import { composePageTitle } from "../page-title";
import { ScreenHeading } from "../screen-heading";

describe("composePageTitle", () => {
  it("names the screen, then the service, GOV.UK style", () => {
    expect(composePageTitle("Check your answers", false)).toBe("Check your answers – Safe Referral");
  });

  it('puts "Error: " first while the screen shows errors', () => {
    expect(composePageTitle("Settings", true)).toBe("Error: Settings – Safe Referral");
  });

  it("is the service alone when no screen is named", () => {
    expect(composePageTitle(undefined, false)).toBe("Safe Referral");
    expect(composePageTitle("  ", false)).toBe("Safe Referral");
  });
});

describe("the page title on screen", () => {
  it("follows the screen's heading, and the screen opened last while it shows", () => {
    const { rerender, unmount } = render(<ScreenHeading>Your cases</ScreenHeading>);
    expect(document.title).toBe("Your cases – Safe Referral");
    rerender(
      <>
        <ScreenHeading>Your cases</ScreenHeading>
        <ScreenHeading>Assessment completed: {"High"} risk</ScreenHeading>
      </>,
    );
    expect(document.title).toBe("Assessment completed: High risk – Safe Referral");
    rerender(<ScreenHeading>Your cases</ScreenHeading>);
    expect(document.title).toBe("Your cases – Safe Referral");
    unmount();
    expect(document.title).toBe("Safe Referral");
  });

  it("takes a title given for a heading that is not plain text", () => {
    render(
      <ScreenHeading pageTitle="Review case 3">
        Review <em>case 3</em>
      </ScreenHeading>,
    );
    expect(document.title).toBe("Review case 3 – Safe Referral");
  });

  it('starts with "Error: " only while the error summary lists a problem', () => {
    const heading = <ScreenHeading>Unlock Safe Referral</ScreenHeading>;
    const { rerender } = render(
      <>
        {heading}
        <ErrorSummary errors={[]} focusKey={0} />
      </>,
    );
    expect(document.title).toBe("Unlock Safe Referral – Safe Referral");
    rerender(
      <>
        {heading}
        <ErrorSummary errors={[{ fieldId: "unlock-passphrase", message: "Enter your passphrase" }]} focusKey={1} />
      </>,
    );
    expect(document.title).toBe("Error: Unlock Safe Referral – Safe Referral");
    rerender(
      <>
        {heading}
        <ErrorSummary errors={[]} focusKey={1} />
      </>,
    );
    expect(document.title).toBe("Unlock Safe Referral – Safe Referral");
  });
});

describe("an error summary with nothing to report", () => {
  it("stays hidden, and the title without Error, when its optional message renders nothing", () => {
    const failure: string | null = null;
    render(
      <>
        <ScreenHeading>Settings</ScreenHeading>
        <ErrorSummary errors={[]} focusKey={0}>
          {failure !== null && <p>{failure}</p>}
        </ErrorSummary>
      </>,
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByText("There is a problem")).not.toBeInTheDocument();
    expect(document.title).toBe("Settings – Safe Referral");
  });
});
