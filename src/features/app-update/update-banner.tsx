// A non-blocking notice that a new version is ready. Nothing happens until the practitioner chooses
// "Update now"; then everything unsaved is written to storage first, and only then does the new
// version load. A polite live region: it never interrupts someone mid-sentence.
import { useState, useSyncExternalStore } from "react";
import { appUpdates, type AppUpdates } from "./app-updates";
import "./app-update.css";

export interface UpdateBannerProps {
  /** Writes every pending change to storage; the update waits for it and is abandoned if it fails. */
  saveEverything: () => Promise<void>;
  updates?: AppUpdates;
}

export function UpdateBanner({ saveEverything, updates = appUpdates }: UpdateBannerProps) {
  const status = useSyncExternalStore(updates.subscribe, updates.getStatus, updates.getStatus);
  const [dismissed, setDismissed] = useState(false);

  const message =
    status === "waiting"
      ? "A new version of Safe Referral is ready. Your work is saved first, then the new version loads."
      : status === "updating"
        ? "Saving your work, then loading the new version…"
        : status === "save-failed"
          ? "Your latest changes could not be saved, so the new version has not been loaded. Nothing has been lost. Try again, or keep working and update later."
          : null;
  const visible = message !== null && !(dismissed && status === "waiting");

  // The live region is always in the page, so its text appearing is announced; the buttons sit
  // beside it rather than inside it, so they are not read out as part of the announcement.
  return (
    <div className={visible ? "update-banner" : "update-banner--hidden"}>
      <p className="update-banner__text" role="status">
        {visible ? message : ""}
      </p>
      {visible && status !== "updating" && (
        <div className="update-banner__actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              updates.applyUpdate(saveEverything).catch(() => undefined);
            }}
          >
            {status === "save-failed" ? "Try the update again" : "Update now"}
          </button>
          {status === "waiting" && (
            <button type="button" className="button button--secondary" onClick={() => setDismissed(true)}>
              Later
            </button>
          )}
        </div>
      )}
    </div>
  );
}
