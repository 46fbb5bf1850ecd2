// Everything the engine can emit, in the pack preview: every shared scenario's outcome (and
// generated cases'), built as both packs and both copies, rendered, and checked for any raw answer
// id, dotted path, list index, camelCase field or engine code a person would read.
import { cleanup, render } from "@testing-library/react";
import { assessedGeneratedCases, assessedScenarios } from "../../../domain/labels/__tests__/engine-vocabulary";
import { assertNoRawIds } from "../../../domain/labels/raw-ids";
import { completeDetails, PREPARED_AT } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import { buildPack } from "../../../domain/referral-pack/build-pack";
import { PACK_COPIES, PACK_KINDS } from "../../../domain/referral-pack/pack-document";
import { renderedTextLines } from "../../../testing/rendered-text";
import { PackPreview } from "../../../ui/pack-preview";

const CASES = [...assessedScenarios(), ...assessedGeneratedCases(20)];

describe("the engine's whole vocabulary in the pack preview", () => {
  it.each(CASES.map((entry) => [entry.name, entry] as const))(
    "shows %s in plain words in both packs and both copies",
    (name, { caseFile, outcome }) => {
      for (const kind of PACK_KINDS) {
        for (const copy of PACK_COPIES) {
          const document = buildPack(kind, completeDetails(), caseFile, outcome, { copy, preparedAt: PREPARED_AT });
          const { container } = render(<PackPreview document={document} />);
          for (const line of renderedTextLines(container)) assertNoRawIds(line, `${kind} ${copy} preview (${name})`);
          cleanup();
        }
      }
    },
  );
});
