// Settings: the practitioner's own details, given once on this device so that no one types them at a
// scene. A new assessment starts with the role and agency, a new case's referrer page with all of
// them; both can still be changed there. The agency is one of "Your agencies" (kept as its code).
import { useEffect, useId, useState } from "react";
import { ASSESSOR_ROLES, ASSESSOR_ROLE_LABELS } from "../../domain/answers";
import type { Agency } from "../../storage/clear-metadata";
import {
  readPractitionerDetails,
  savePractitionerDetails,
  type PractitionerDetails,
} from "../../storage/practitioner-details";
import type { VaultSession } from "../../storage/vault-session";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";

const ROLE_CHOICES = ASSESSOR_ROLES.map((role) => ({ value: role, label: ASSESSOR_ROLE_LABELS[role] }));

export function YourDetailsSection({
  session,
  agenciesChanged = 0,
}: {
  session: VaultSession;
  /** Bumped when "Your agencies" changes, so the agency choices are read again. */
  agenciesChanged?: number;
}) {
  const [details, setDetails] = useState<PractitionerDetails | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [status, setStatus] = useState("");
  const titleId = useId();

  useEffect(() => {
    let live = true;
    readPractitionerDetails(session).then(
      (read) => live && setDetails(read),
      () => {
        if (!live) return;
        setDetails({});
        setStatus("Your details could not be read.");
      },
    );
    return () => {
      live = false;
    };
  }, [session]);

  useEffect(() => {
    let live = true;
    session.listAgencies().then(
      (list) => live && setAgencies(list),
      () => live && setAgencies([]),
    );
    return () => {
      live = false;
    };
  }, [session, agenciesChanged]);

  const set = (change: Partial<PractitionerDetails>): void => {
    setStatus("");
    setDetails((current) => {
      const next: Record<string, unknown> = { ...current, ...change };
      for (const [key, value] of Object.entries(change)) if (value === undefined || value === "") delete next[key];
      return next as PractitionerDetails;
    });
  };
  const save = async (): Promise<void> => {
    if (details === null) return;
    try {
      await savePractitionerDetails(session, details);
      setStatus("Your details are saved.");
    } catch {
      setStatus("Your details could not be saved. Try again.");
    }
  };

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Your details</h2>
      <p>
        Given once here, they fill in who is assessing on each new assessment and the referrer on each new case, so you
        do not type them at a scene. You can still change them on the assessment or the case.
      </p>
      {details !== null && (
        <>
          <TextField id="own-name" label="Your name" value={details.name} onChange={(name) => set({ name })} />
          <SelectField
            id="own-role"
            label="Your role"
            emptyChoice="Not given"
            choices={ROLE_CHOICES}
            value={details.role}
            onChange={(role) => set({ role })}
          />
          <SelectField
            id="own-agency"
            label="Your agency"
            hint={agencies.length === 0 ? "Add your agency under Your agencies first." : undefined}
            emptyChoice="Not given"
            choices={agencies.map((agency) => ({ value: agency.code, label: agency.name }))}
            value={agencies.some((agency) => agency.code === details.agencyCode) ? details.agencyCode : undefined}
            onChange={(agencyCode) => set({ agencyCode })}
          />
          <TextField
            id="own-phone"
            label="Your work phone number"
            type="tel"
            value={details.phone}
            onChange={(phone) => set({ phone })}
          />
          <TextField
            id="own-email"
            label="Your work email address"
            type="email"
            value={details.email}
            onChange={(email) => set({ email })}
          />
          <div className="button-row">
            <button type="button" className="button" onClick={() => void save()}>
              Save your details
            </button>
          </div>
        </>
      )}
      <p role="status" className="save-status">
        {status}
      </p>
    </section>
  );
}
