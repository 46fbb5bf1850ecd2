// Joining a team: one question page. The practitioner types the enrolment code a manager gave them (a
// team's first manager, the operator's one-time code); the device makes its key pairs, enrols, and
// then waits for approval (or, for a first manager, is in the team at once).
import { useState, type FormEvent } from "react";
import { ErrorSummary } from "../../ui/error-summary";
import { TextField } from "../../ui/text-field";
import { ScreenHeading } from "../../ui/screen-heading";
import type { EnrolledDevice } from "../../storage/sync/team-admin-client";
import { NotATeamCodeError, type TeamSyncController } from "./team-sync-controller";
import { enrolmentCodeProblem, joinErrorWords } from "./team-words";

const CODE_FIELD_ID = "enrolment-code";
const CODE_HINT =
  "16 letters and numbers, like ABCD-EFGH-JKMN-PQRS. Your manager gives you one. A new team's first manager, or a MARAC coordinator, uses the code from whoever runs the team server.";

export interface JoinTeamFormProps {
  controller: TeamSyncController;
  onJoined: (enrolled: EnrolledDevice) => void;
  /** Whether the browser believes it is online (navigator.onLine by default). */
  isOnline?: () => boolean;
}

export function JoinTeamForm({ controller, onJoined, isOnline = () => navigator.onLine }: JoinTeamFormProps) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [joining, setJoining] = useState(false);

  const fail = (message: string): void => {
    setError(message);
    setFailures((count) => count + 1);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (joining) return;
    const problem = enrolmentCodeProblem(code);
    if (problem !== null) {
      fail(problem);
      return;
    }
    if (!isOnline()) {
      fail("This device is offline. Connect to the internet and try again");
      return;
    }
    setJoining(true);
    try {
      const enrolled = await controller.join(code);
      setError(null);
      onJoined(enrolled);
    } catch (caught) {
      fail(
        caught instanceof NotATeamCodeError
          ? "That code does not name a team. Ask your manager for a new code"
          : joinErrorWords(caught, isOnline()),
      );
    } finally {
      setJoining(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={error === null ? [] : [{ fieldId: CODE_FIELD_ID, message: error }]} focusKey={failures} />
      <ScreenHeading>Join a team</ScreenHeading>
      <p>
        Joining a team lets your manager see the cases you record on this device, and keeps a copy of them safe if this
        device is lost or broken. Everything is encrypted on this device before it is sent: the team server cannot read
        it.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={CODE_FIELD_ID}
          label="Enrolment code"
          hint={CODE_HINT}
          error={error ?? undefined}
          value={code}
          onChange={setCode}
          autoComplete="off"
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={joining}>
            {joining ? "Joining…" : "Join the team"}
          </button>
        </div>
        <p role="status" className="save-status">
          {joining ? "Making this device's keys and joining the team…" : ""}
        </p>
      </form>
    </>
  );
}
