// Backups, sharing, restore, wipe and the activity record for the unlocked profile. Takes the
// session as a prop (features don't import each other, so not from the vault feature's context).
import { useEffect, useState } from "react";
import type { AuditEntry } from "../../storage/audit";
import type { CaseSummary } from "../../storage/cases";
import type { VaultSession } from "../../storage/vault-session";
import { ScreenHeading } from "../../ui/screen-heading";
import { AUDIT_LIMIT, AuditTrail } from "./audit-trail";
import { FullBackupSection } from "./full-backup-section";
import { ImportSection } from "./import-section";
import { SendCasesSection } from "./send-cases-section";
import { WipeSection } from "./wipe-section";
import "./backup.css";

export interface BackupScreenProps {
  session: VaultSession;
  /** Called once the vault has been wiped; the session is locked by then and the profile is gone. */
  onWiped: () => void;
  /** PBKDF2 cost for files made here. Leave unset in the app (storage default); tests pass a low value. */
  exportIterations?: number;
}

type Section = "backup" | "send" | "import" | "wipe";

interface Loaded {
  cases: CaseSummary[] | null;
  audit: AuditEntry[] | null;
  auditError: boolean;
}

export function BackupScreen({ session, onWiped, exportIterations }: BackupScreenProps) {
  // Only the last-submitted section shows an error summary (see SectionProps.summaryActive).
  const [activeSection, setActiveSection] = useState<Section | null>(null);
  // Bumped after anything that may change the cases or the audit trail.
  const [revision, setRevision] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ cases: null, audit: null, auditError: false });

  useEffect(() => {
    let live = true;
    const load = async (): Promise<void> => {
      const [cases, audit] = await Promise.allSettled([
        session.listCaseSummaries(),
        session.listAudit({ limit: AUDIT_LIMIT }),
      ]);
      if (!live) return;
      setLoaded({
        cases: cases.status === "fulfilled" ? cases.value : [],
        audit: audit.status === "fulfilled" ? audit.value : null,
        auditError: audit.status === "rejected",
      });
    };
    void load();
    return () => {
      live = false;
    };
  }, [session, revision]);

  const sectionProps = (section: Section) => ({
    summaryActive: activeSection === section,
    onAttempt: () => setActiveSection(section),
    onDone: () => setRevision((count) => count + 1),
  });

  return (
    <div className="backup-screen">
      <ScreenHeading>Backups and sharing</ScreenHeading>
      <FullBackupSection session={session} iterations={exportIterations} {...sectionProps("backup")} />
      <SendCasesSection
        session={session}
        cases={loaded.cases}
        iterations={exportIterations}
        {...sectionProps("send")}
      />
      <ImportSection session={session} {...sectionProps("import")} />
      <AuditTrail entries={loaded.audit} error={loaded.auditError} />
      <WipeSection
        session={session}
        onWiped={onWiped}
        summaryActive={activeSection === "wipe"}
        onAttempt={() => setActiveSection("wipe")}
      />
    </div>
  );
}
