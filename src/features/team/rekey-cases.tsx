// Giving a removed device's cases new keys (issue 17 item 3), shown on the Team screen right after the
// removal (started at once) and, for a removal whose re-keying stopped, later with a button to finish
// it. Progress is counted in cases ("Giving 500 cases new keys: 120 done"), in a live region so a screen
// reader hears it; the words say plainly what the new keys do and what no removal can do.
import { useEffect, useRef, useState } from "react";
import type { RekeyOutcome } from "../../storage/sync/key-rotation";
import type { TeamDevice } from "../../storage/sync/team-admin-client";
import { SyncBlockedError } from "../../storage/sync/key-ring";
import { SyncTransportError } from "../../storage/sync/transport";
import { TeamKeyNotPinnedError } from "../../storage/sync/team-key-rotation";
import {
  CANNOT_RECALL_WORDS,
  managerDeviceWords,
  TEAM_KEY_CHANGING_WORDS,
  teamKeyChangedWords,
  rekeyDoneWords,
  rekeyProgressWords,
  rekeyStoppedWords,
  rekeyWaitingWords,
} from "./rekey-words";
import type { TeamSyncController } from "./team-sync-controller";
import { connectionWords } from "./team-words";

export interface RekeyCasesProps {
  controller: TeamSyncController;
  /** The removed device whose cases get new keys. */
  device: TeamDevice;
  /** Start at once (right after the removal); otherwise a button starts it. */
  autoStart: boolean;
  /** Cases still waiting, as the Team screen found them (shown before the button). */
  waiting?: number;
  /** Told when the re-keying has finished (e.g. to read the team's audit again). */
  onFinished?: () => void;
}

type RekeyState =
  | { status: "idle" }
  | { status: "running"; done: number; total: number | null; teamKey?: "replacing" | "replaced" }
  | { status: "done"; outcome: RekeyOutcome }
  | { status: "stopped"; done: number; total: number | null; reason: string };

function stopReason(caught: unknown): string {
  if (caught instanceof SyncTransportError) return connectionWords(caught, navigator.onLine);
  if (caught instanceof TeamKeyNotPinnedError) {
    return "The team key on the server is not the one this device knows, so it was not changed. Do not try again: tell whoever runs your team server";
  }
  if (caught instanceof SyncBlockedError) {
    return "This device has not checked the team key yet. Let it sync with the team, then try again";
  }
  return "Try again";
}

export function RekeyCases({ controller, device, autoStart, waiting, onFinished }: RekeyCasesProps) {
  const [state, setState] = useState<RekeyState>({ status: "idle" });
  const started = useRef(false);
  const live = useRef(true);

  const run = async (): Promise<void> => {
    let progress: { done: number; total: number | null; teamKey?: "replacing" | "replaced" } = {
      done: 0,
      total: null,
    };
    setState({ status: "running", ...progress });
    try {
      const outcome = await controller.rekeyAfterRemoval(device.deviceId, (step) => {
        progress = step;
        if (live.current) setState({ status: "running", ...step });
      });
      if (live.current) setState({ status: "done", outcome });
      onFinished?.();
    } catch (caught) {
      if (live.current) setState({ status: "stopped", ...progress, reason: stopReason(caught) });
    }
  };

  useEffect(() => {
    live.current = true;
    if (autoStart && !started.current) {
      started.current = true;
      void run();
    }
    return () => {
      live.current = false;
    };
    // Once per removed device: the component is keyed by it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const words =
    state.status === "running"
      ? state.teamKey === "replacing"
        ? TEAM_KEY_CHANGING_WORDS
        : state.total === null
          ? "Finding the cases the removed device could read…"
          : rekeyProgressWords(state.done, state.total)
      : state.status === "done"
        ? state.outcome.status === "manager-device"
          ? managerDeviceWords(state.outcome.exposed)
          : state.outcome.teamKeyReplaced !== undefined
            ? teamKeyChangedWords(state.outcome.rotated)
            : rekeyDoneWords(state.outcome.rotated)
        : state.status === "idle" && waiting !== undefined
          ? rekeyWaitingWords(waiting)
          : "";

  return (
    <div className="rekey-cases">
      <p role="status">{words}</p>
      {state.status === "running" && state.teamKey !== "replacing" && state.total !== null && state.total > 0 && (
        <progress className="rekey-cases__progress" max={state.total} value={state.done} aria-hidden="true" />
      )}
      {state.status === "stopped" && (
        <div role="alert">
          <p>{rekeyStoppedWords(state.done, state.total)}</p>
          <p>{state.reason}</p>
        </div>
      )}
      {state.status === "done" && <p>{CANNOT_RECALL_WORDS}</p>}
      {(state.status === "idle" || state.status === "stopped") && (
        <button type="button" className="button button--secondary" onClick={() => void run()}>
          {/* Not "Try again": the devices list has its own, and a screen reader lists buttons by name. */}
          {state.status === "stopped" ? "Try again to give the cases new keys" : "Give the cases new keys"}
        </button>
      )}
    </div>
  );
}
