// Shared fixtures for the referral-pack tests: the shared scenarios run through the engine, and a
// complete set of case details with facts marked never to disclose.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assessCase } from "../../assess";
import { caseDetailsSchema, type CaseDetails } from "../../case-record/case-details";
import { validateCaseFile, type CaseFile } from "../../case-file";
import type { Outcome } from "../../outcome";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile } from "../../policy";

export interface LoadedScenario {
  caseFile: CaseFile;
  outcome: Outcome;
  expect: {
    marac?: { refer?: boolean; repeat?: boolean; criteria?: string[] };
    s42?: { decision?: string; tests?: Record<string, string> };
    escalations?: string[];
  };
}

// Built with path.join rather than new URL(…, import.meta.url), which Vite rewrites as an asset import under jsdom.
const SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../shared/scenarios");

export function loadScenario(
  file: string,
  changeCase: (raw: Record<string, unknown>) => void = () => undefined,
): LoadedScenario {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, file), "utf8")) as {
    case: Record<string, unknown>;
    policy?: unknown;
    expect: LoadedScenario["expect"];
  };
  changeCase(scenario.case);
  const validation = validateCaseFile(scenario.case);
  if (!validation.ok) throw new Error(`${file}: ${JSON.stringify(validation.issues)}`);
  const policy =
    scenario.policy === undefined ? DEFAULT_POLICY : policyFromFile(policyFileSchema.parse(scenario.policy));
  return { caseFile: validation.caseFile, outcome: assessCase(validation.caseFile, policy), expect: scenario.expect };
}

export const PREPARED_AT = "2024-06-02T09:30:00.000Z";

/** Complete details: every field a pack requires, a withheld address and a withheld school. */
export function completeDetails(overrides: Partial<CaseDetails> = {}): CaseDetails {
  return caseDetailsSchema.parse({
    detailsVersion: 1,
    victim: {
      name: "Alex Example",
      dateOfBirth: "1990-04-01",
      address: { kind: "address", text: "12 Withheld Road, Townsville", postcode: "ZZ1 1ZZ" },
      safeContact: { phone: "07700 900123", safeToCall: "yes", safeToText: "no", safeTimes: "Weekdays 10am to 2pm" },
      interpreterNeeded: "no",
      wishes: "Wants him to stay away and to keep the house",
    },
    perpetrator: { name: "Sam Example", relationship: "ex-partner", historyChecks: "done" },
    children: [
      {
        name: "Robin",
        age: 7,
        school: "Hidden Lane Primary",
        relationshipToPerpetrator: "child",
        livesWithVictim: "yes",
      },
    ],
    referrer: { name: "PC Jones", role: "police", agency: "Example Constabulary", phone: "01234 567890" },
    consent: { status: "given" },
    agenciesInvolved: ["Police", "GP"],
    actionsTaken: "Arrested; safety plan agreed",
    nonDisclosure: ["victim.address", "children[0].school"],
    ...overrides,
  });
}
