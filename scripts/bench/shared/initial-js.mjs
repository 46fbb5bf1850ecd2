// The JS a built site's first page load needs, gzipped: shared by initialJsKbGz and its baseline.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { KB } from "./helpers.mjs";

/** Paths of the JS files the HTML loads up front: module/classic scripts and modulepreload links. */
function initialScripts(html) {
  const urls = new Set();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag);
    if (src) urls.add(src[1]);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?modulepreload["']?/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag);
    if (href) urls.add(href[1]);
  }
  return [...urls].filter((url) => !/^[a-z]+:/i.test(url) && !url.startsWith("//"));
}

/** Sum of gzip -9 sizes, in KB, of the initial JS of a built site in `outDir`. */
export function initialJsKbGz(outDir) {
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  const files = initialScripts(html);
  if (files.length === 0) throw new Error(`no script found in ${outDir}/index.html`);
  let bytes = 0;
  for (const url of files) {
    const file = path.join(outDir, url.split(/[?#]/)[0].replace(/^\//, ""));
    bytes += gzipSync(readFileSync(file), { level: 9 }).byteLength;
  }
  return { kb: bytes / KB, files };
}
