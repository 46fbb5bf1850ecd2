// Shared by `npm run bench` and the referral-pack e2e test, which both bundle the app's PDF code with
// esbuild outside Vite.
import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * Vite's `?url` imports (the PDF's font files) for an esbuild bundle: each resolves to the hashed
 * file the app build emitted into dist/assets, so the bench fetches the fonts as the app does.
 */
export function builtAssetUrls(distDir) {
  return {
    name: "built-asset-urls",
    setup(build) {
      build.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: "built-asset-url" }));
      build.onLoad({ filter: /.*/, namespace: "built-asset-url" }, (args) => {
        const { name, ext } = path.parse(args.path.replace(/\?url$/, ""));
        const hashed = new RegExp(
          `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[\\w-]{8}${ext.replace(".", "\\.")}$`,
        );
        const built = readdirSync(path.join(distDir, "assets")).filter((file) => hashed.test(file));
        if (built.length !== 1)
          throw new Error(`expected one built asset for ${args.path}, found ${JSON.stringify(built)}`);
        return { contents: `export default ${JSON.stringify(`/assets/${built[0]}`)};`, loader: "js" };
      });
    },
  };
}
