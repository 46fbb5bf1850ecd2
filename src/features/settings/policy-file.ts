// Checking a policy file chosen on the settings screen, with every reason it is refused in words.
import { policyFileSchema, type PolicyFile } from "../../domain/policy";
import { issuesFromZod } from "../../domain/validation-issues";

export type PolicyFileCheck = { ok: true; file: PolicyFile } | { ok: false; reasons: string[] };

/** Parses and validates the text of a policy file. Locked rules can never be switched off. */
export function checkPolicyText(text: string): PolicyFileCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reasons: [`The file is not valid JSON (${error instanceof Error ? error.message : "it could not be read"}).`],
    };
  }
  const parsed = policyFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    reasons: issuesFromZod(parsed.error).map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : `The file: ${issue.message}`,
    ),
  };
}

/** The text of a chosen file (FileReader, which every browser and the test DOM support). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"));
    reader.readAsText(file);
  });
}
