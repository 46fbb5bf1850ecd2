import type { ESLint, Rule } from "eslint";

/** Forbids import cycles between project files, type-only imports included (see import-cycles.js). */
export const importCycles: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
