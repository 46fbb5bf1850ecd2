// Header controls on every unlocked screen: who is signed in, "Switch practitioner" and "Lock now".
import { useVault } from "./vault-context";

export function VaultHeaderControls() {
  const { status, session, lock } = useVault();
  if (status !== "unlocked" || session === null) return null;
  return (
    <div className="vault-controls">
      <p className="vault-controls__who">
        <span className="visually-hidden">Signed in as </span>
        {session.label}
      </p>
      <button type="button" className="header-button" onClick={() => void lock()}>
        Switch practitioner
      </button>
      <button type="button" className="header-button" onClick={() => void lock()}>
        Lock now
      </button>
    </div>
  );
}

export function StorageStatus() {
  const { status, storage } = useVault();
  if (status !== "unlocked" || storage === null) return null;
  return (
    <p className="storage-status" role="status">
      {storage === "granted"
        ? "Storage: kept by the browser"
        : "Storage may be cleared by the browser when space is low"}
    </p>
  );
}
