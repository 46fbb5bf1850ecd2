// The application shell: skip link, header and main landmark, with the vault deciding which screen
// shows: set-up when the device has no profile, unlock when locked, the cases once unlocked.
import { lazy, Suspense, useEffect, useState } from "react";
import { OfflineIndicator } from "../features/app-update/offline-indicator";
import { UpdateBanner } from "../features/app-update/update-banner";
import { useVault } from "../features/vault/vault-context";
import { VaultGate } from "../features/vault/vault-gate";
import { StorageStatus, VaultHeaderControls } from "../features/vault/vault-header-controls";
import { VaultProvider } from "../features/vault/vault-provider";
import type { Vault } from "../storage/vault";
import type { PackView } from "../features/referral-pack/referral-pack-screen";
import type { ReturnTo } from "../ui/back-link";
import { useCoordinatorDevice } from "./use-coordinator-device";

// The screens behind the unlock load on demand, so the first download is the shell and the vault's
// screens only; the cases screen is fetched while the practitioner types the passphrase (below).
const loadCasesScreen = () => import("../features/cases/cases-screen");
const CasesScreen = lazy(() => loadCasesScreen().then((module) => ({ default: module.CasesScreen })));
const AssessmentSection = lazy(() =>
  import("./assessment-section").then((module) => ({ default: module.AssessmentSection })),
);
const ReferralPackSection = lazy(() =>
  import("./referral-pack-section").then((module) => ({ default: module.ReferralPackSection })),
);
const BackupSection = lazy(() => import("./backup-section").then((module) => ({ default: module.BackupSection })));
const SettingsScreen = lazy(() =>
  import("../features/settings/settings-screen").then((module) => ({ default: module.SettingsScreen })),
);
const AboutScreen = lazy(() =>
  import("../features/about/about-screen").then((module) => ({ default: module.AboutScreen })),
);
// Team sync (issue 16): the screen and the sync line under the header, with the sync client they start,
// load after unlock, so the first download does not grow.
const TeamSection = lazy(() =>
  import("../features/team/team-screen").then((module) => ({ default: module.TeamSection })),
);
const TeamSyncStatus = lazy(() =>
  import("../features/team/team-sync-status").then((module) => ({ default: module.SessionTeamSyncStatus })),
);
// The MARAC coordinator's inbox (issue 17): only a coordinator's device ever downloads it.
const MaracInboxSection = lazy(() =>
  import("../features/marac-inbox/marac-inbox-screen").then((module) => ({ default: module.MaracInboxSection })),
);
// Managers' review: loaded on demand, like the assessment screen, so practitioners never download it.
const ReviewScreen = lazy(() =>
  import("../features/review/review-screen").then((module) => ({ default: module.ReviewScreen })),
);

/** Set each time a session opens; `npm run bench` measures screens from it (caseList5kMs, dashboard5kMs). */
export const UNLOCKED_MARK = "safe-referral:unlocked";

export interface AppProps {
  vault: Vault;
  /** Auto-lock after this much inactivity; defaults to 5 minutes. */
  idleTimeoutMs?: number;
}

export function App({ vault, idleTimeoutMs }: AppProps) {
  return (
    <VaultProvider vault={vault} {...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs })}>
      <AppShell />
    </VaultProvider>
  );
}

/** Everything inside the provider; exported so tests can render it beside a probe of the vault state. */
type Section = "cases" | "assessment" | "packs" | "review" | "backup" | "settings" | "team" | "about" | "inbox";

/** The sections' buttons, in the order the navigation shows them. */
const SECTION_NAV: readonly (readonly [Section, string])[] = [
  ["cases", "Cases"],
  ["assessment", "Assessment"],
  ["packs", "Referral packs"],
  ["review", "Review"],
  ["backup", "Backup and data"],
  ["settings", "Settings"],
  ["about", "About"],
];

/**
 * A MARAC coordinator's device: the inbox is its home. Cases, assessments, packs and the review are a
 * practitioner's or a manager's work and make no sense on it; backup, settings (and through them the
 * Team screen) and About stay.
 */
const COORDINATOR_NAV: readonly (readonly [Section, string])[] = [
  ["inbox", "MARAC inbox"],
  ["backup", "Backup and data"],
  ["settings", "Settings"],
  ["about", "About"],
];
const PRACTITIONER_ONLY: ReadonlySet<Section> = new Set(["cases", "assessment", "packs", "review"]);

export function AppShell() {
  const { status, session, recoveryKeyUnconfirmed, recoveryKeyConfirmed } = useVault();
  const [section, setSection] = useState<Section>("cases");
  // Bumped by every menu choice, the section already showing included: its screen starts again
  // (its list, heading focused), so the menu button of the section you are in is never dead.
  const [visit, setVisit] = useState(0);
  // The case chosen on the case overview, opened directly when the assessment section shows.
  const [assessCaseId, setAssessCaseId] = useState<string | undefined>(undefined);
  // The case (and the fact in it) a referral pack's "fix" link asked for, opened when Cases shows.
  const [fixInCase, setFixInCase] = useState<{ caseId: string; detailsPath: string } | undefined>(undefined);
  // The referral pack a "fix" link left, so the page it opened can go back to it once fixed.
  const [packReturn, setPackReturn] = useState<{ caseId: string; view: PackView } | undefined>(undefined);
  // The pack to open when the Referral packs section shows (on the way back from a fix).
  const [openPack, setOpenPack] = useState<{ caseId: string; view: PackView } | undefined>(undefined);
  // The Team screen opens on its list of records changed on another device (from the sync line's link).
  const [teamView, setTeamView] = useState<"team" | "conflicts">("team");
  const showSection = (next: Section): void => {
    setAssessCaseId(undefined);
    setFixInCase(undefined);
    setPackReturn(undefined);
    setOpenPack(undefined);
    setTeamView("team");
    setSection(next);
    setVisit((count) => count + 1);
  };
  const backToPack: ReturnTo | undefined =
    packReturn === undefined
      ? undefined
      : {
          label: "Back to the referral pack",
          onReturn: () => {
            showSection("packs");
            setOpenPack(packReturn);
          },
        };
  const unlocked = status === "unlocked" && session !== null;
  const coordinator = useCoordinatorDevice(unlocked ? session : null);
  // On a coordinator's device a practitioner's section (the default "cases" too) shows the inbox instead.
  const shown: Section = coordinator && PRACTITIONER_ONLY.has(section) ? "inbox" : section;
  const navigation = coordinator ? COORDINATOR_NAV : SECTION_NAV;
  // Fetch the cases screen while the vault screens show, so it is there the moment the vault opens.
  useEffect(() => {
    void loadCasesScreen();
  }, []);
  // The danger notice waits for the first screen (the vault opens in tens of milliseconds) so that
  // screen does not push it down the page as it appears (a layout shift); after 1 s it shows anyway.
  const [slowStart, setSlowStart] = useState(false);
  useEffect(() => {
    if (status !== "loading") return undefined;
    const timer = setTimeout(() => setSlowStart(true), 1000);
    return () => clearTimeout(timer);
  }, [status]);
  const showDangerNotice = status !== "loading" || slowStart;
  useEffect(() => {
    if (unlocked) performance.mark(UNLOCKED_MARK);
  }, [unlocked, session]);
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>

      <header className="app-header">
        <div className="app-width app-header__inner">
          <img className="app-header__logo" src="/favicon.svg" alt="" width={32} height={32} />
          <p className="app-header__name">Safe Referral</p>
          <VaultHeaderControls />
        </div>
      </header>

      {/* Outside main, so "Skip to main content" goes past it. */}
      {unlocked && (
        <nav className="app-width app-nav" aria-label="Sections">
          {navigation.map(([key, name]) => (
            <button
              key={key}
              type="button"
              aria-current={shown === key ? "page" : undefined}
              onClick={() => showSection(key)}
            >
              {name}
            </button>
          ))}
        </nav>
      )}

      <main id="main-content" className="app-width app-main" tabIndex={-1}>
        {/* A new version loads only when the practitioner chooses, after every pending change is saved. */}
        <UpdateBanner
          saveEverything={() => (session !== null && !session.isLocked ? session.flushPending() : Promise.resolve())}
        />
        <OfflineIndicator />
        <StorageStatus />
        {unlocked && (
          <Suspense fallback={null}>
            <TeamSyncStatus
              session={session}
              onOpenTeam={() => {
                showSection("team");
                setTeamView("conflicts");
              }}
            />
          </Suspense>
        )}
        {/* Keyed by session so a different practitioner never inherits the previous one's screen state. */}
        {unlocked ? (
          <>
            {recoveryKeyUnconfirmed && shown !== "backup" && (
              <div className="app-warning" role="region" aria-labelledby="recovery-unconfirmed-heading">
                <h2 id="recovery-unconfirmed-heading">Your recovery key was not confirmed as stored</h2>
                <p>
                  Without it, a forgotten passphrase means these cases cannot be opened again. Get a new recovery key
                  and keep it safe.
                </p>
                <button type="button" className="button" onClick={() => showSection("backup")}>
                  Get a new recovery key
                </button>
              </div>
            )}
            <Suspense fallback={<p role="status">Loading…</p>}>
              {shown === "inbox" ? (
                <MaracInboxSection key={`${session.profileId}:${visit}`} session={session} />
              ) : shown === "cases" ? (
                // Opens the assessment of the case chosen; Back from it goes to the section's case list.
                <CasesScreen
                  key={`${session.profileId}:${visit}:${fixInCase?.caseId ?? ""}:${fixInCase?.detailsPath ?? ""}`}
                  session={session}
                  initialCase={fixInCase}
                  returnTo={backToPack}
                  onAssess={(caseId) => {
                    setAssessCaseId(caseId);
                    setSection("assessment");
                  }}
                />
              ) : shown === "assessment" ? (
                <AssessmentSection
                  key={`${session.profileId}:${visit}:${assessCaseId ?? ""}`}
                  session={session}
                  initialCaseId={assessCaseId}
                  returnTo={backToPack}
                  onFixInCase={(caseId, detailsPath) => {
                    setAssessCaseId(undefined);
                    setFixInCase({ caseId, detailsPath });
                    setSection("cases");
                  }}
                />
              ) : shown === "about" ? (
                <Suspense fallback={<p>Loading…</p>}>
                  <AboutScreen key={visit} />
                </Suspense>
              ) : shown === "packs" ? (
                // A missing fact links back to where it is recorded: that case's page under Cases, or its assessment.
                <ReferralPackSection
                  key={`${session.profileId}:${visit}`}
                  session={session}
                  initialPack={openPack}
                  onFix={(fixPath, caseId, view) => {
                    setPackReturn({ caseId, view });
                    setOpenPack(undefined);
                    if (fixPath.startsWith("details.")) {
                      setAssessCaseId(undefined);
                      setFixInCase({ caseId, detailsPath: fixPath });
                      setSection("cases");
                    } else {
                      setFixInCase(undefined);
                      setAssessCaseId(caseId);
                      setSection("assessment");
                    }
                  }}
                />
              ) : shown === "review" ? (
                <Suspense fallback={<p role="status">Loading…</p>}>
                  <ReviewScreen key={`${session.profileId}:${visit}`} session={session} />
                </Suspense>
              ) : shown === "settings" ? (
                <Suspense fallback={<p role="status">Loading…</p>}>
                  <SettingsScreen
                    key={`${session.profileId}:${visit}`}
                    session={session}
                    onOpenTeam={() => showSection("team")}
                  />
                </Suspense>
              ) : shown === "team" ? (
                <Suspense fallback={<p role="status">Loading…</p>}>
                  <TeamSection key={`${session.profileId}:${visit}`} session={session} initialView={teamView} />
                </Suspense>
              ) : (
                <Suspense fallback={<p role="status">Loading…</p>}>
                  <BackupSection
                    key={`${session.profileId}:${visit}`}
                    session={session}
                    onRecoveryKeyConfirmed={recoveryKeyConfirmed}
                  />
                </Suspense>
              )}
            </Suspense>
          </>
        ) : (
          <VaultGate />
        )}

        {showDangerNotice && (
          <section className="app-notice" aria-labelledby="immediate-danger-heading">
            <h2 id="immediate-danger-heading">If someone is in immediate danger</h2>
            <p>
              Call 999. If it is not safe to speak when calling from a mobile, stay on the line and press 55 when
              prompted to be put through to the police.
            </p>
          </section>
        )}
      </main>
    </>
  );
}
