/**
 * The Content-Security-Policy and security headers, written once and delivered three ways: as response
 * headers from the team server (`npm start`) and from `vite preview`, and as a <meta http-equiv> in the
 * built index.html (vite.config.ts), so any static host enforces the policy too. Nothing may load from
 * another origin and no inline script or style may run. frame-ancestors only works as a header
 * (browsers ignore it in a meta tag), so the meta leaves it out.
 */
const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ["default-src", "'self'"],
  ["script-src", "'self'"],
  ["style-src", "'self'"],
  ["img-src", "'self' data: blob:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["worker-src", "'self'"],
  ["manifest-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
];
const HEADER_ONLY_DIRECTIVES = new Set(["frame-ancestors"]);

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join("; ");
export const META_CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), midi=(), accelerometer=(), gyroscope=(), " +
    "magnetometer=(), display-capture=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};
