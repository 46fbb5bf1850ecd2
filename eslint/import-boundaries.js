// Local ESLint rule: architectural import boundaries between the top-level folders of src/.
//
// Why a local rule rather than eslint-plugin-boundaries: boundaries classifies an import by the file it
// *resolves to* on disk, so an import of a file that does not exist (yet) is silently ignored, and the
// rule cannot be proven with ESLint's lintText() on virtual paths. This rule resolves relative
// specifiers purely by path arithmetic, so it behaves the same on real and virtual files.
//
// Policy (configured in eslint.config.js, not here):
//   layers.<name>.mayImport  – layers this layer may import from. "*" = any layer, "self" = own layer.
//                              For layers with `isolated: true` (features), "self" means the same
//                              sub-folder only: src/features/cases/** may import src/features/cases/**
//                              but never src/features/<anything else>/**. New features need no config.
//   layers.<name>.packages   – optional allow-list of bare specifiers (npm packages, node: builtins).
//                              Absent = any package. "zod" also matches "zod/v4"; a trailing "*" is a
//                              prefix match ("node:*", "@testing-library/*").
//   layers.<name>.outsideSrc – whether relative imports that leave src/ are allowed (default false).
// Files in a top-level src folder that is not a configured layer are reported, so a new layer is a
// deliberate decision. Files directly in src/ (e.g. main.tsx) belong to the layer named by `rootLayer`.

import path from "node:path";

/** @param {string} specifier */
function stripQuery(specifier) {
  const cut = specifier.search(/[?#]/);
  return cut === -1 ? specifier : specifier.slice(0, cut);
}

/**
 * @param {string} specifier
 * @param {string[]} allowed
 */
function packageAllowed(specifier, allowed) {
  return allowed.some((entry) =>
    entry.endsWith("*")
      ? specifier.startsWith(entry.slice(0, -1))
      : specifier === entry || specifier.startsWith(`${entry}/`),
  );
}

/**
 * Where a path sits relative to src/.
 * @param {string} srcDir
 * @param {string} absolutePath
 * @returns {{ inSrc: false } | { inSrc: true, layer: string | null, unit: string | null }}
 *   layer null = a file directly inside src/; unit = second path segment (feature name).
 */
function locate(srcDir, absolutePath) {
  const rel = path.relative(srcDir, absolutePath);
  if (rel === "" || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { inSrc: false };
  const parts = rel.split(path.sep);
  if (parts.length === 1) return { inSrc: true, layer: null, unit: null };
  return { inSrc: true, layer: parts[0] ?? null, unit: parts.length > 2 ? (parts[1] ?? null) : null };
}

/** @type {import("eslint").Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Enforce import boundaries between the layers under src/" },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          srcDir: { type: "string" },
          rootLayer: { type: "string" },
          layers: { type: "object", additionalProperties: { type: "object" } },
        },
        required: ["root", "layers"],
        additionalProperties: false,
      },
    ],
    messages: {
      unknownLayer: "'src/{{layer}}' is not a known layer. Add it to the import-boundaries policy in eslint.config.js.",
      layer: "'{{from}}' must not import from '{{to}}' ({{specifier}}). Allowed: {{allowed}}.",
      crossFeature:
        "'{{from}}/{{fromUnit}}' must not import another {{from}} folder '{{to}}/{{toUnit}}' ({{specifier}}). Move shared code to domain, storage or ui.",
      package: "'{{from}}' must not import the package '{{specifier}}'. Allowed packages: {{allowed}}.",
      outsideSrc: "'{{from}}' must not import files outside src/ ({{specifier}}).",
    },
  },
  create(context) {
    const options = context.options[0];
    const root = options.root;
    const srcDir = path.resolve(root, options.srcDir ?? "src");
    const rootLayer = options.rootLayer ?? "app";
    /** @type {Record<string, { mayImport?: string[], packages?: string[], isolated?: boolean, outsideSrc?: boolean }>} */
    const layers = options.layers;

    const filename = path.resolve(context.cwd, context.filename);
    const here = locate(srcDir, filename);
    if (!here.inSrc) return {};
    const fromLayer = here.layer ?? rootLayer;
    const policy = layers[fromLayer];

    if (!policy) {
      return {
        Program(node) {
          context.report({ node, messageId: "unknownLayer", data: { layer: fromLayer } });
        },
      };
    }
    const mayImport = policy.mayImport ?? [];
    const anyLayer = mayImport.includes("*");

    /**
     * @param {import("estree").Node} node
     * @param {unknown} value
     */
    function check(node, value) {
      if (typeof value !== "string") return;
      const specifier = stripQuery(value);
      if (specifier === "") return;

      const isRelative = specifier === "." || specifier === ".." || /^\.\.?\//.test(specifier);
      if (!isRelative) {
        // A package, a node: builtin, or a root-relative public/ asset URL ("/favicon.svg").
        if (policy.packages && !packageAllowed(specifier, policy.packages)) {
          context.report({
            node,
            messageId: "package",
            data: { from: fromLayer, specifier, allowed: policy.packages.join(", ") || "none" },
          });
        }
        return;
      }

      const target = locate(srcDir, path.resolve(path.dirname(filename), specifier));
      if (!target.inSrc) {
        if (!policy.outsideSrc) {
          context.report({ node, messageId: "outsideSrc", data: { from: fromLayer, specifier } });
        }
        return;
      }
      const toLayer = target.layer ?? rootLayer;

      if (toLayer === fromLayer) {
        if (policy.isolated && here.unit !== target.unit && !anyLayer) {
          context.report({
            node,
            messageId: "crossFeature",
            data: {
              from: fromLayer,
              fromUnit: here.unit ?? "(root)",
              to: toLayer,
              toUnit: target.unit ?? "(root)",
              specifier,
            },
          });
          return;
        }
        if (mayImport.includes("self") || anyLayer) return;
      } else if (anyLayer || mayImport.includes(toLayer)) {
        return;
      }
      context.report({
        node,
        messageId: "layer",
        data: { from: fromLayer, to: toLayer, specifier, allowed: mayImport.join(", ") || "nothing" },
      });
    }

    /** @param {any} node */
    const fromSource = (node) => {
      if (node.source && node.source.type === "Literal") check(node.source, node.source.value);
    };

    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      /** @param {any} node `import("x").T` in type positions */
      TSImportType(node) {
        const arg = node.argument;
        const literal = arg && arg.type === "TSLiteralType" ? arg.literal : arg;
        if (literal && literal.type === "Literal") check(literal, literal.value);
      },
      /** @param {any} node `import x = require("x")` */
      TSExternalModuleReference(node) {
        if (node.expression && node.expression.type === "Literal") check(node.expression, node.expression.value);
      },
    };
  },
};

export default {
  meta: { name: "safe-referral-local" },
  rules: { "import-boundaries": importBoundaries },
};
