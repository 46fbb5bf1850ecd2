// Settings: the agencies this practitioner works for. The assessment's "Agency" is chosen from this
// list; case rows store only each agency's code (agency-1 …) in clear, and the names stay sealed.
import { useCallback, useEffect, useId, useState } from "react";
import type { Agency } from "../../storage/clear-metadata";
import type { VaultSession } from "../../storage/vault-session";
import { TextField } from "../../ui/text-field";

export function AgenciesSection({
  session,
  onChange,
}: {
  session: VaultSession;
  /** Told after each change to the list (Your details offers the agencies as choices). */
  onChange?: () => void;
}) {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [newName, setNewName] = useState("");
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  const [status, setStatus] = useState("");
  const titleId = useId();

  const reload = useCallback(async () => setAgencies(await session.listAgencies()), [session]);
  useEffect(() => {
    let live = true;
    session.listAgencies().then(
      (list) => live && setAgencies(list),
      () => live && setStatus("Your agencies could not be read."),
    );
    return () => {
      live = false;
    };
  }, [session]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      await reload();
      onChange?.();
      setStatus(done);
    } catch {
      setStatus("That could not be saved. Use a name of one line, up to 60 characters.");
    }
  };

  const add = () => {
    const name = newName.trim();
    if (name === "") return setStatus("Enter the agency's name first.");
    return run(async () => {
      await session.addAgency(name);
      setNewName("");
    }, `${name} added.`);
  };

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Your agencies</h2>
      <p>
        The agencies you assess for. An assessment records one of them; the names are kept encrypted on this device, and
        cases store only a code for them.
      </p>
      {agencies === null ? null : agencies.length === 0 ? (
        <p>No agencies yet.</p>
      ) : (
        <ul aria-label="Your agencies" className="agency-list">
          {agencies.map((agency) => (
            <li key={agency.code}>
              {renaming?.code === agency.code ? (
                <>
                  <TextField
                    id={`agency-rename-${agency.code}`}
                    label={`New name for ${agency.name}`}
                    value={renaming.name}
                    onChange={(name) => setRenaming({ code: agency.code, name })}
                  />
                  <div className="button-row">
                    <button
                      type="button"
                      className="button"
                      onClick={() =>
                        void run(async () => {
                          await session.renameAgency(agency.code, renaming.name);
                          setRenaming(null);
                        }, `Renamed to ${renaming.name.trim()}.`)
                      }
                    >
                      Save name
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </div>
                </>
              ) : (
                <>
                  <span>{agency.name}</span>{" "}
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={`Rename ${agency.name}`}
                    onClick={() => setRenaming({ code: agency.code, name: agency.name })}
                  >
                    Rename
                  </button>{" "}
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={`Remove ${agency.name}`}
                    onClick={() =>
                      void run(
                        () => session.removeAgency(agency.code),
                        `${agency.name} removed from the choices. Cases that name it keep its name.`,
                      )
                    }
                  >
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <TextField id="agency-new" label="Add an agency" value={newName} onChange={setNewName} />
      <div className="button-row">
        <button type="button" className="button" onClick={() => void add()}>
          Add agency
        </button>
      </div>
      <p role="status" className="save-status">
        {status}
      </p>
    </section>
  );
}
