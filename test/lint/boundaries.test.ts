// Proves the architecture rules in eslint.config.js bite. Files are virtual (lintText + filePath), so the
// rules must work on paths alone — which is also why they hold for files that do not exist yet.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: "eslint.config.js" });

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error("ESLint returned no result");
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }));
}

const BOUNDARY = "local/import-boundaries";

describe("import boundaries", () => {
  it.each([
    "src/features/cases/x.ts",
    "src/domain/x.ts",
    "src/app/app.tsx",
    "src/main.tsx",
    "src/cli/run.mjs",
    "src/server/app.ts",
  ])("is switched on as an error for %s", async (filePath) => {
    const config = (await eslint.calculateConfigForFile(filePath)) as { rules: Record<string, unknown[]> };
    expect(config.rules[BOUNDARY]?.[0]).toBe(2);
  });

  describe("src/features/<x>", () => {
    it("rejects importing another feature, at any depth", async () => {
      const top = await lint("src/features/cases/x.ts", 'import { y } from "../assessment/y";\nexport const x = y;\n');
      expect(top).toEqual([
        expect.objectContaining({
          ruleId: BOUNDARY,
          message: expect.stringMatching(/features\/cases.*features\/assessment/),
        }),
      ]);

      const deep = await lint(
        "src/features/cases/components/list.tsx",
        'export { y } from "../../assessment/hooks/use-y";\n',
      );
      expect(deep).toEqual([expect.objectContaining({ ruleId: BOUNDARY })]);

      const dynamic = await lint("src/features/cases/x.ts", 'export const load = () => import("../referral/page");\n');
      expect(dynamic).toEqual([expect.objectContaining({ ruleId: BOUNDARY })]);

      const typeOnly = await lint(
        "src/features/cases/x.ts",
        'import type { Y } from "../assessment/y";\nexport type X = Y;\n',
      );
      expect(typeOnly).toEqual([expect.objectContaining({ ruleId: BOUNDARY })]);
    });

    it("rejects importing app", async () => {
      const messages = await lint(
        "src/features/cases/x.ts",
        'import { App } from "../../app/app";\nexport const x = App;\n',
      );
      expect(messages).toEqual([
        expect.objectContaining({
          ruleId: BOUNDARY,
          message: expect.stringContaining("'features' must not import from 'app'"),
        }),
      ]);
    });

    it("allows domain, storage, ui and its own folder", async () => {
      const messages = await lint(
        "src/features/cases/components/case-list.tsx",
        [
          'import { assess } from "../../../domain/assess";',
          'import { db } from "../../../storage/db";',
          'import { Button } from "../../../ui/button";',
          'import { useCases } from "../hooks/use-cases";',
          'import { Row } from "./row";',
          'import { z } from "zod";',
          "export const all = [assess, db, Button, useCases, Row, z];",
        ].join("\n"),
      );
      expect(messages).toEqual([]);
    });
  });

  describe("src/domain", () => {
    it("rejects react, dexie and DOM-ish packages", async () => {
      const messages = await lint(
        "src/domain/x.ts",
        [
          'import { useState } from "react";',
          'import Dexie from "dexie";',
          'import { Workbox } from "workbox-window";',
          'import { readFileSync } from "node:fs";',
          "export const all = [useState, Dexie, Workbox, readFileSync];",
        ].join("\n"),
      );
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
        [BOUNDARY, 1],
        [BOUNDARY, 2],
        [BOUNDARY, 3],
        [BOUNDARY, 4],
      ]);
      expect(messages[0]?.message).toContain("'domain' must not import the package 'react'");
    });

    it("rejects every other layer of src", async () => {
      const messages = await lint(
        "src/domain/rules/x.ts",
        [
          'import { db } from "../../storage/db";',
          'import { Button } from "../../ui/button";',
          'import { page } from "../../features/cases/page";',
          'import { App } from "../../app/app";',
          'import { run } from "../../cli/run";',
          'import { boot } from "../../main";',
          "export const all = [db, Button, page, App, run, boot];",
        ].join("\n"),
      );
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([1, 2, 3, 4, 5, 6].map((line) => [BOUNDARY, line]));
    });

    it("rejects browser globals", async () => {
      const messages = await lint("src/domain/x.ts", "export const lang = navigator.language;\n");
      expect(messages).toEqual([expect.objectContaining({ ruleId: "no-restricted-globals" })]);
    });

    it("allows zod and relative domain files", async () => {
      const messages = await lint(
        "src/domain/rules/x.ts",
        [
          'import { z } from "zod";',
          'import { ANSWER_VALUES } from "../answers";',
          'import { y } from "./y";',
          "export const all = [z, ANSWER_VALUES, y];",
        ].join("\n"),
      );
      expect(messages).toEqual([]);
    });

    it("lets domain tests use vitest, fast-check and node builtins, but still not other layers", async () => {
      const messages = await lint(
        "src/domain/rules/x.test.ts",
        [
          'import { it } from "vitest";',
          'import fc from "fast-check";',
          'import { readFileSync } from "node:fs";',
          'import { db } from "../../storage/db";',
          "export const all = [it, fc, readFileSync, db];",
        ].join("\n"),
      );
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([[BOUNDARY, 4]]);
    });
  });

  it.each([
    ["src/storage/db.ts", "../ui/button", "'storage' must not import from 'ui'"],
    ["src/storage/db.ts", "../features/cases/page", "'storage' must not import from 'features'"],
    ["src/ui/button.tsx", "../storage/db", "'ui' must not import from 'storage'"],
    ["src/ui/forms/field.tsx", "../../features/cases/page", "'ui' must not import from 'features'"],
    ["src/cli/run.ts", "../storage/db", "'cli' must not import from 'storage'"],
    ["src/cli/run.ts", "../ui/button", "'cli' must not import from 'ui'"],
  ])("%s may not import %s", async (filePath, specifier, expected) => {
    const messages = await lint(filePath, `import { thing } from "${specifier}";\nexport const x = thing;\n`);
    expect(messages).toEqual([
      expect.objectContaining({ ruleId: BOUNDARY, message: expect.stringContaining(expected) }),
    ]);
  });

  it.each([
    ["src/storage/db.ts", "../domain/answers"],
    ["src/storage/db.ts", "dexie"],
    ["src/ui/button.tsx", "../domain/answers"],
    ["src/ui/button.tsx", "react"],
    ["src/cli/run.ts", "../domain/answers"],
    ["src/app/app.tsx", "../features/cases/page"],
    ["src/app/app.tsx", "../storage/db"],
    ["src/main.tsx", "./app/app"],
  ])("%s may import %s", async (filePath, specifier) => {
    expect(await lint(filePath, `import { thing } from "${specifier}";\nexport const x = thing;\n`)).toEqual([]);
  });

  describe("src/testing (the shared test harness)", () => {
    it.each([
      ["src/storage/__tests__/x.test.ts", "../../testing/test-vault"],
      ["src/features/cases/__tests__/x.test.tsx", "../../../testing/render-with-vault"],
      ["src/features/cases/__tests__/case-steps.ts", "../../../testing/test-vault"],
      ["src/ui/__tests__/x.test.tsx", "../../testing/test-vault"],
      ["src/app/__tests__/x.test.tsx", "../../testing/render-with-vault"],
      ["src/domain/__tests__/x.test.ts", "../../testing/test-vault"],
    ])("lets the test %s import %s", async (filePath, specifier) => {
      expect(await lint(filePath, `import { thing } from "${specifier}";\nexport const x = thing;\n`)).toEqual([]);
    });

    it.each([
      ["src/storage/new-store.ts", "../testing/test-vault", "'storage' must not import from 'testing'"],
      ["src/features/cases/x.ts", "../../testing/test-vault", "'features' must not import from 'testing'"],
      ["src/ui/button.tsx", "../testing/render-with-vault", "'ui' must not import from 'testing'"],
      ["src/domain/x.ts", "../testing/test-vault", "'domain' must not import from 'testing'"],
    ])("keeps it out of the code under test: %s may not import %s", async (filePath, specifier, expected) => {
      const messages = await lint(filePath, `import { thing } from "${specifier}";\nexport const x = thing;\n`);
      expect(messages).toEqual([
        expect.objectContaining({ ruleId: BOUNDARY, message: expect.stringContaining(expected) }),
      ]);
    });

    it("lets the harness use storage and features, but not the app", async () => {
      const allowed = await lint(
        "src/testing/x.tsx",
        [
          'import { Vault } from "../storage/vault";',
          'import { VaultProvider } from "../features/vault/vault-provider";',
          'import { IDBFactory } from "fake-indexeddb";',
          "export const all = [Vault, VaultProvider, IDBFactory];",
        ].join("\n"),
      );
      expect(allowed).toEqual([]);
      const app = await lint("src/testing/x.tsx", 'import { App } from "../app/app";\nexport const x = App;\n');
      expect(app).toEqual([
        expect.objectContaining({
          ruleId: BOUNDARY,
          message: expect.stringContaining("'testing' must not import from 'app'"),
        }),
      ]);
    });
  });

  describe("src/server (the team server, Node only)", () => {
    it.each([
      ["src/app/app.tsx", "../server/app"],
      ["src/main.tsx", "./server/main"],
      ["src/features/sync/x.ts", "../../server/envelopes-service"],
      ["src/storage/sync.ts", "../server/database"],
      ["src/ui/x.tsx", "../server/schemas"],
      ["src/domain/x.ts", "../server/tokens"],
    ])("keeps it out of the browser bundle: %s may not import %s", async (filePath, specifier) => {
      const messages = await lint(filePath, `import { thing } from "${specifier}";\nexport const x = thing;\n`);
      expect(messages).toEqual([
        expect.objectContaining({
          ruleId: BOUNDARY,
          message: expect.stringContaining("must not import from 'server'"),
        }),
      ]);
    });

    it("rejects React, the DOM side, storage and the screens in the server", async () => {
      const messages = await lint(
        "src/server/x.ts",
        [
          'import { useState } from "react";',
          'import Dexie from "dexie";',
          'import { db } from "../storage/db";',
          'import { Button } from "../ui/button";',
          'import { page } from "../features/cases/page";',
          'import { App } from "../app/app";',
          "export const all = [useState, Dexie, db, Button, page, App];",
        ].join("\n"),
      );
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([1, 2, 3, 4, 5, 6].map((line) => [BOUNDARY, line]));
      expect(messages[0]?.message).toContain("'server' must not import the package 'react'");
    });

    it("lets the server use the pure domain, its own files, Node and its packages", async () => {
      const messages = await lint(
        "src/server/x.ts",
        [
          'import { envelopeSigningInput } from "../domain/team-sync/signing-input";',
          'import { ApiError } from "./api-error";',
          'import { readFileSync } from "node:fs";',
          'import Fastify from "fastify";',
          'import fastifyStatic from "@fastify/static";',
          'import { PGlite } from "@electric-sql/pglite";',
          'import pg from "pg";',
          "export const all = [envelopeSigningInput, ApiError, readFileSync, Fastify, fastifyStatic, PGlite, pg];",
        ].join("\n"),
      );
      expect(messages).toEqual([]);
    });
  });

  it("reports files in an unknown top-level folder of src", async () => {
    const messages = await lint("src/helpers/x.ts", "export const x = 1;\n");
    expect(messages).toEqual([
      expect.objectContaining({
        ruleId: BOUNDARY,
        message: expect.stringContaining("'src/helpers' is not a known layer"),
      }),
    ]);
  });
});

describe("barrel files", () => {
  it.each(["src/domain/index.ts", "src/features/cases/index.ts", "src/ui/index.tsx"])(
    "rejects %s",
    async (filePath) => {
      const messages = await lint(filePath, 'export { x } from "./x";\n');
      expect(messages).toEqual([
        expect.objectContaining({
          ruleId: "no-restricted-syntax",
          message: expect.stringContaining("No barrel files"),
        }),
      ]);
    },
  );

  it("allows ordinary file names", async () => {
    expect(await lint("src/domain/indexes.ts", "export const x = 1;\n")).toEqual([]);
  });
});
