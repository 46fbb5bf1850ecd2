// A manager gives someone a code to join the team: choose the role, get the code, read it out or
// write it down. It is shown once (never stored here), with when it stops working.
import { useId, useState, type FormEvent } from "react";
import type { IssuedCode } from "../../storage/sync/team-admin-client";
import { ErrorSummary } from "../../ui/error-summary";
import { Radios } from "../../ui/radios";
import { dayAndTime } from "./sync-state-words";
import type { TeamSyncController } from "./team-sync-controller";
import { groupedCode, issueCodeErrorWords } from "./team-words";

const ROLE_FIELD_ID = "code-role";
type CodeRole = "practitioner" | "manager";

export function IssueCodeForm({ controller }: { controller: TeamSyncController }) {
  const [role, setRole] = useState<CodeRole | undefined>(undefined);
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [issuing, setIssuing] = useState(false);
  const titleId = useId();

  const fail = (message: string): void => {
    setError(message);
    setFailures((count) => count + 1);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (issuing) return;
    if (role === undefined) {
      fail("Choose whether the code is for a practitioner or a manager");
      return;
    }
    setIssuing(true);
    try {
      const admin = await controller.admin();
      if (!admin) throw new Error("This device is not in a team.");
      setIssued(await admin.issueCode(role));
      setError(null);
    } catch (caught) {
      fail(issueCodeErrorWords(caught, navigator.onLine));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Give someone a code to join</h2>
      <ErrorSummary errors={error === null ? [] : [{ fieldId: ROLE_FIELD_ID, message: error }]} focusKey={failures} />
      {issued !== null ? (
        <div className="notice" role="region" aria-labelledby={`${titleId}-code`}>
          <h3 id={`${titleId}-code`}>Code for a {issued.role === "manager" ? "manager" : "practitioner"}</h3>
          <p className="enrolment-code">{groupedCode(issued.code)}</p>
          <p>
            Give it to the person joining, in person or by phone. It works once, until {dayAndTime(issued.expiresAt)}.
            It is shown only now.
          </p>
          <button type="button" className="button button--secondary" onClick={() => setIssued(null)}>
            Make another code
          </button>
        </div>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Radios<CodeRole>
            id={ROLE_FIELD_ID}
            label="Who is the code for?"
            error={error ?? undefined}
            value={role}
            onChange={setRole}
            choices={[
              { value: "practitioner", label: "A practitioner", hint: "Sees only the cases they record." },
              { value: "manager", label: "A manager", hint: "Sees every case in the team and approves devices." },
            ]}
          />
          <div className="button-row">
            <button type="submit" className="button" disabled={issuing}>
              Get a code
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
