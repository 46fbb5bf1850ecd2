// Imported first by main.tsx. Zod 4 probes for `new Function` (its faster, generated parsers) the
// first time it parses an object; the app's Content-Security-Policy forbids eval, so the probe fails
// quietly but the browser still reports a CSP violation on every page load. Jitless mode skips the
// probe and uses the interpreted parsers. The command line (Node, no CSP) is not affected.
import { z } from "zod";

z.config({ jitless: true });
