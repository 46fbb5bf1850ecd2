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
      afraidOf: { answer: "named", people: [{ name: "Sam Example", relationship: "ex-partner" }] },
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
    consent: { status: "given", victimAware: "yes" },
    agenciesInvolved: ["Police", "GP"],
    actionsTaken: "Arrested; safety plan agreed",
    previousMarac: { referredBefore: "no" },
    othersAtRisk: { anyone: "yes", who: "Robin, who lives with her" },
    nonDisclosure: ["victim.address", "children[0].school"],
    ...overrides,
  });
}

/**
 * Every field either referral form asks, filled: the details a coordinator would send back nothing
 * for. Nothing is withheld, so the referrer's copy and the shareable copy say the same.
 */
export function fullDetails(): CaseDetails {
  const complete = completeDetails();
  return caseDetailsSchema.parse({
    ...complete,
    victim: {
      ...complete.victim,
      otherNames: "Alexandra Example",
      gender: "Female",
      safeContact: { ...complete.victim.safeContact, safeToLeaveMessage: "no" },
      languages: "English",
      diversityAndAccessNeeds: "None known",
      gpPractice: "Hill Surgery, 3 Market Street, Townsville",
      safeToTalkTo: "Her sister Jo; the health visitor",
      notSafeToTalkTo: "His mother, who tells him everything",
      afraidOf: {
        answer: "named",
        people: [
          { name: "Sam Example", relationship: "ex-partner", details: "Has threatened to kill her" },
          { name: "Lee Example", relationship: "his brother", details: "Drives past the house" },
        ],
      },
    },
    perpetrator: {
      ...complete.perpetrator,
      dateOfBirth: "1985-02-02",
      address: { kind: "address", text: "4 Other Street, Townsville" },
    },
    children: [{ ...complete.children[0], dateOfBirth: "2017-03-01" }],
    previousMarac: {
      referredBefore: "yes",
      referrals: [{ area: "Lowtown MARAC", date: "2023-05-10" }],
    },
    police: {
      crimeReferences: ["CR/12345/24"],
      officerInCharge: { name: "DC Patel", rankAndNumber: "DC 4521", phone: "01234 000111" },
      wantsToSpeakToPolice: "yes",
      wantsToSpeakToPoliceReason: "She wants to report the threats made last week.",
    },
    nonDisclosure: [],
  });
}

/** A case file whose context records what the form asks of the assessment: housing, drink and drugs, pregnancy. */
export function fullScenario(file = "01-strangulation-alone.json"): LoadedScenario {
  return loadScenario(file, (raw) => {
    raw.context = {
      ...(raw.context as Record<string, unknown> | undefined),
      housing: "temporary",
      substanceUse: ["alcohol"],
      pregnant: "no",
    };
    raw.professionalJudgement = { level: "high", rationale: "Escalating since she left" };
  });
}
