import type { z } from "zod";

// Invalid input must be explained field by field, in words a practitioner or an integrator can
// act on: "answers.dash.injury: expected yes, no or not-known, got "maybe"".

export interface ValidationIssue {
  /** Dotted path to the offending field, e.g. "context.children[0].age"; "" for the whole file. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({
          path: formatPath([...issue.path, key]),
          // Whatever message a schema's own error option gave, an unknown key is reported as
          // one, at its own path ("unknown rule name" and the like are kept).
          message: issue.message.startsWith("unknown ")
            ? issue.message
            : "unknown field (not part of the format; check the spelling)",
        });
      }
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `  - ${issue.path || "(the file)"}: ${issue.message}`).join("\n");
}
