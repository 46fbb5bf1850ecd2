// "About": which version of the app, question sets and policy produced an assessment, and whether
// this device's storage is safe from the browser's clean-ups. Practitioners and managers quote
// these when asking for help or checking an old outcome.
import { useEffect, useState } from "react";
import { DEFAULT_POLICY } from "../../domain/policy";
import { QUESTION_SET_IDS, QUESTION_SETS } from "../../domain/question-sets/question-set-registry";
import { readStorageReport, type StorageReport } from "../../storage/persistent-storage";
import { ScreenHeading } from "../../ui/screen-heading";
import { APP_VERSION } from "./build-info";
import "./about.css";

export interface AboutScreenProps {
  appVersion?: string;
  /** Injectable for tests; defaults to reading navigator.storage. */
  readStorage?: () => Promise<StorageReport>;
  /** Injectable for tests; defaults to whether a service worker controls this page. */
  offlineReady?: boolean;
}

const megabytes = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${megabytes.format(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${megabytes.format(bytes / (1024 * 1024))} MB`;
  return `${megabytes.format(bytes / (1024 * 1024 * 1024))} GB`;
}

function persistenceText(persisted: boolean | null): string {
  if (persisted === true) return "Kept: the browser will not clear it to free space";
  if (persisted === false)
    return "Not guaranteed: the browser may clear it when the device is short of space. Make regular encrypted backups.";
  return "Not known: this browser does not say";
}

function usageText(report: StorageReport): string {
  if (report.usageBytes === null) return "Not known: this browser does not say";
  if (report.quotaBytes === null) return `${formatBytes(report.usageBytes)} used`;
  return `${formatBytes(report.usageBytes)} used of about ${formatBytes(report.quotaBytes)} available`;
}

function controlledByServiceWorker(): boolean {
  return (
    typeof navigator !== "undefined" && "serviceWorker" in navigator && navigator.serviceWorker.controller !== null
  );
}

export function AboutScreen({
  appVersion = APP_VERSION,
  readStorage = readStorageReport,
  offlineReady,
}: AboutScreenProps) {
  const [storage, setStorage] = useState<StorageReport | null>(null);
  useEffect(() => {
    let live = true;
    readStorage().then(
      (report) => {
        if (live) setStorage(report);
      },
      () => {
        if (live) setStorage({ persisted: null, usageBytes: null, quotaBytes: null });
      },
    );
    return () => {
      live = false;
    };
  }, [readStorage]);
  const ready = offlineReady ?? controlledByServiceWorker();

  return (
    <div className="about">
      <ScreenHeading>About Safe Referral</ScreenHeading>
      <h2>Versions</h2>
      <dl className="about__list">
        <div className="about__row">
          <dt>App version</dt>
          <dd>{appVersion}</dd>
        </div>
        {QUESTION_SET_IDS.map((setId) => (
          <div className="about__row" key={setId}>
            <dt>{QUESTION_SETS[setId].title}</dt>
            <dd>
              {setId}, version {QUESTION_SETS[setId].version}
            </dd>
          </div>
        ))}
        <div className="about__row">
          <dt>Risk policy</dt>
          <dd>
            {DEFAULT_POLICY.name}, version {DEFAULT_POLICY.version}
          </dd>
        </div>
      </dl>

      <h2>This device</h2>
      <dl className="about__list">
        <div className="about__row">
          <dt>Offline use</dt>
          <dd>
            {ready
              ? "Ready: the app is saved on this device and opens without a connection"
              : "Not ready yet: open the app once more while online"}
          </dd>
        </div>
        <div className="about__row">
          <dt>Storage</dt>
          <dd>{storage === null ? "Checking…" : persistenceText(storage.persisted)}</dd>
        </div>
        <div className="about__row">
          <dt>Space used</dt>
          <dd>{storage === null ? "Checking…" : usageText(storage)}</dd>
        </div>
      </dl>
      <p>
        Case information is stored only on this device, encrypted with your passphrase. It is never sent anywhere unless
        you choose to export or share it.
      </p>
    </div>
  );
}
