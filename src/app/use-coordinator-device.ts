// Whether the unlocked profile's device is a MARAC coordinator's (enrolled with an area's code): its
// home is the MARAC inbox and the practitioners' sections are not shown. The team controller is
// loaded on demand (as the sync line under the header loads it), so the first download does not grow.
import { useEffect, useState } from "react";
import type { VaultSession } from "../storage/vault-session";

export function useCoordinatorDevice(session: VaultSession | null): boolean {
  const [known, setKnown] = useState<{ session: VaultSession; coordinator: boolean } | null>(null);
  useEffect(() => {
    if (session === null) return undefined;
    let live = true;
    let unsubscribe = (): void => undefined;
    void import("../features/team/team-sync-controller").then(({ controllerFor }) => {
      if (!live) return;
      const controller = controllerFor(session);
      const read = () =>
        controller.deviceRole().then(
          (role) => {
            if (live) setKnown({ session, coordinator: role === "coordinator" });
          },
          // Unreadable: the device is treated as a practitioner's, whose screens refuse what it cannot do.
          () => undefined,
        );
      void read();
      // Joining an area (on the Team screen) changes the sync state, and so the navigation at once.
      const stop = controller.subscribe(() => void read());
      unsubscribe = () => void stop();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [session]);
  return known !== null && known.session === session && known.coordinator;
}
