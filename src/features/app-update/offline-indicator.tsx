// Says plainly when the device is offline, and that this is fine: everything is saved on the device.
// A polite live region, so a screen reader hears the change without being interrupted.
import { useSyncExternalStore } from "react";
import "./app-update.css";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

const isOnline = (): boolean => navigator.onLine;

export function OfflineIndicator() {
  const online = useSyncExternalStore(subscribe, isOnline, () => true);
  return (
    <p className={online ? "offline-indicator" : "offline-indicator offline-indicator--offline"} role="status">
      {online ? "" : "You are offline. Safe Referral keeps working and saves everything on this device."}
    </p>
  );
}
