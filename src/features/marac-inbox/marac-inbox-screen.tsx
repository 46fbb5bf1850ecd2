// The MARAC coordinator's home (issue 17): the area's referrals from every linked team, newest first,
// each with its status and any match flag; a referral's page shows the MARAC copy as sent, the
// suggested matches with their reasons, and where it stands. Read again whenever sync brings a change.
// Loaded on demand (app.tsx imports it lazily), so practitioners never download it.
import { useEffect, useState } from "react";
import type { InboxReferral, MaracArea, MaracCoordinator } from "../../storage/sync/marac-records-api";
import type { VaultSession } from "../../storage/vault-session";
import { MaracStatusTag } from "../../ui/marac-status";
import { ScreenHeading } from "../../ui/screen-heading";
import { FLAG_WORDS, referralFlags, victimNameOf } from "./inbox-words";
import { ReferralPage } from "./referral-page";
import "./marac-inbox.css";

const receivedTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/London",
});

export function formatTime(iso: string): string {
  return receivedTime.format(new Date(iso));
}

type Loaded =
  { status: "loading" } | { status: "failed" } | { status: "ready"; area: MaracArea; inbox: InboxReferral[] };

export function MaracInbox({ coordinator }: { coordinator: MaracCoordinator }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [openId, setOpenId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const read = () =>
      Promise.all([coordinator.area(), coordinator.inbox()]).then(
        ([area, inbox]) => {
          if (live) setLoaded({ status: "ready", area, inbox });
        },
        () => {
          if (live) setLoaded({ status: "failed" });
        },
      );
    void read();
    const unsubscribe = coordinator.onInboxChanged(() => void read());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [coordinator]);

  if (loaded.status === "loading") return <p role="status">Opening the MARAC inbox…</p>;
  if (loaded.status === "failed") {
    return (
      <>
        <ScreenHeading>MARAC inbox</ScreenHeading>
        <p role="alert">The inbox could not be opened. Lock Safe Referral, unlock it and try again.</p>
      </>
    );
  }
  const { area, inbox } = loaded;
  const open = openId === null ? undefined : inbox.find((referral) => referral.referralId === openId);
  if (open !== undefined) {
    return (
      <ReferralPage
        key={open.referralId}
        coordinator={coordinator}
        referral={open}
        inbox={inbox}
        formatTime={formatTime}
        onOpen={setOpenId}
        onBack={() => setOpenId(null)}
        onChanged={(updated) =>
          setLoaded({
            ...loaded,
            inbox: inbox.map((referral) => (referral.referralId === updated.referralId ? updated : referral)),
          })
        }
      />
    );
  }
  return (
    <div className="marac-inbox">
      <ScreenHeading>MARAC inbox</ScreenHeading>
      <p>
        Referrals sent to {area.name} by the teams linked to it, newest first. Only this area's coordinator devices can
        read them.
      </p>
      {inbox.length === 0 ? (
        <p>No referrals yet.</p>
      ) : (
        <table className="marac-inbox__table">
          <caption className="visually-hidden">Referrals to {area.name}</caption>
          <thead>
            <tr>
              <th scope="col">Victim</th>
              <th scope="col">Referred by</th>
              <th scope="col">Received</th>
              <th scope="col">Status</th>
              <th scope="col">Matches</th>
            </tr>
          </thead>
          <tbody>
            {inbox.map((referral) => {
              const flags = referralFlags(referral);
              return (
                <tr key={referral.referralId}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setOpenId(referral.referralId)}>
                      {victimNameOf(referral)}
                    </button>
                  </td>
                  <td>
                    {referral.fromTeam}
                    {referral.referral.referringAgency === undefined ? "" : ` (${referral.referral.referringAgency})`}
                  </td>
                  <td>{formatTime(referral.receivedAt)}</td>
                  <td>
                    <MaracStatusTag status={referral.status} />
                    {referral.versions.length > 1 ? ` Corrected (version ${referral.versions.length})` : ""}
                  </td>
                  <td>
                    {flags.length === 0
                      ? "None"
                      : flags.map((flag) => (
                          <strong key={flag} className={`status-tag status-tag--${flag}`}>
                            {FLAG_WORDS[flag]}
                          </strong>
                        ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** For app.tsx: the inbox on this coordinator device's side of team sync. */
export function MaracInboxSection({ session }: { session: VaultSession }) {
  const [coordinator, setCoordinator] = useState<MaracCoordinator | "failed" | null>(null);
  useEffect(() => {
    let live = true;
    session.openTeamSync().then(
      (teamSync) => {
        let opened: MaracCoordinator | "failed";
        try {
          opened = teamSync.maracCoordinator();
        } catch {
          opened = "failed";
        }
        if (live) setCoordinator(opened);
      },
      () => {
        if (live) setCoordinator("failed");
      },
    );
    return () => {
      live = false;
    };
  }, [session]);
  if (coordinator === null) return <p role="status">Opening the MARAC inbox…</p>;
  if (coordinator === "failed") {
    return (
      <>
        <ScreenHeading>MARAC inbox</ScreenHeading>
        <p role="alert">The MARAC inbox is not available on this device yet.</p>
      </>
    );
  }
  return <MaracInbox coordinator={coordinator} />;
}
