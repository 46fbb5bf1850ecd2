// Checking a policy file chosen on the settings screen, with every reason it is refused in words.
// The same rules on bytes and repeated keys as for the command line (case-format.md, "Policy
// file"): invalid UTF-8 and a key given twice are refused; a leading byte-order mark is ignored.
import { decodeUtf8File, parseJsonText, stripByteOrderMark } from "../../domain/json-text";
import { policyFileSchema, type PolicyFile } from "../../domain/policy";
import { issuesFromZod, type ValidationIssue } from "../../domain/validation-issues";

export type PolicyFileCheck = { ok: true; file: PolicyFile } | { ok: false; reasons: string[] };

/** Checks the bytes of a policy file: UTF-8 first, then as checkPolicyText. */
export function checkPolicyBytes(bytes: Uint8Array): PolicyFileCheck {
  const decoded = decodeUtf8File(bytes);
  if (!decoded.ok) return { ok: false, reasons: [`The file is ${decoded.message}.`] };
  return checkPolicyText(decoded.text);
}

/** Parses and validates the text of a policy file. Locked rules can never be switched off. */
export function checkPolicyText(text: string): PolicyFileCheck {
  const parsed = parseJsonText(stripByteOrderMark(text));
  if (!parsed.ok) return { ok: false, reasons: [`The file is not valid JSON (${parsed.message}).`] };
  const result = policyFileSchema.safeParse(parsed.value);
  const issues: ValidationIssue[] = [...parsed.repeatedKeys, ...(result.success ? [] : issuesFromZod(result.error))];
  if (result.success && issues.length === 0) return { ok: true, file: result.data };
  return {
    ok: false,
    reasons: issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : `The file: ${issue.message}`)),
  };
}

/** The bytes of a chosen file (FileReader, which every browser and the test DOM support). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(reader.result instanceof ArrayBuffer ? new Uint8Array(reader.result) : new Uint8Array());
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"));
    reader.readAsArrayBuffer(file);
  });
}
