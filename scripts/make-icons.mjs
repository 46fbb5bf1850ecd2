#!/usr/bin/env node
// Generates the app's PNG icons into public/ from the same shape as public/favicon.svg (a white shield
// with a tick on the theme blue). No image tools are installed, so this rasterises the shape itself
// (4×4 supersampling per pixel) and encodes the PNGs with node:zlib. The output is committed; run
// `node scripts/make-icons.mjs` again only if the favicon's shape or colours change.
//
//   icon-192.png, icon-512.png   rounded square, as the favicon ("any" purpose)
//   icon-maskable-512.png        full-bleed background, shield inside the central 80 % safe zone
//   apple-touch-icon.png (180)   full-bleed background (iOS rounds the corners itself)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public");
const BLUE = [0x1d, 0x3d, 0x6b];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4;

// ------------------------------------------------------------------ the favicon's shape, 32×32 units

function cubic(p0, p1, p2, p3, steps = 24) {
  const points = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return points;
}

// M16 5 7 8.5v6.8c0 5.6 3.8 10.3 9 11.7 5.2-1.4 9-6.1 9-11.7V8.5L16 5Z
const SHIELD = [
  [16, 5],
  [7, 8.5],
  [7, 15.3],
  ...cubic([7, 15.3], [7, 20.9], [10.8, 25.6], [16, 27]),
  ...cubic([16, 27], [21.2, 25.6], [25, 20.9], [25, 15.3]),
  [25, 8.5],
];
// m11.5 16 3.2 3.2 6-6.4, stroke-width 2.6, round caps and joins
const TICK = [
  [11.5, 16],
  [14.7, 19.2],
  [20.7, 12.8],
];
const TICK_HALF_WIDTH = 1.3;

function insidePolygon(x, y, polygon) {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onTick(x, y) {
  for (let i = 1; i < TICK.length; i++)
    if (distanceToSegment(x, y, TICK[i - 1], TICK[i]) <= TICK_HALF_WIDTH) return true;
  return false;
}

function insideRoundedSquare(x, y, size, radius) {
  const cx = Math.max(radius, Math.min(size - radius, x));
  const cy = Math.max(radius, Math.min(size - radius, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

/**
 * Colour of one point of the icon, in icon units (0..32), or null for transparent.
 * `shapeScale` shrinks the shield and tick about the centre (the maskable safe zone).
 */
function colourAt(x, y, { roundedCorners, shapeScale }) {
  if (roundedCorners && !insideRoundedSquare(x, y, 32, 6)) return null;
  const sx = 16 + (x - 16) / shapeScale;
  const sy = 16 + (y - 16) / shapeScale;
  if (insidePolygon(sx, sy, SHIELD) && !onTick(sx, sy)) return WHITE;
  return BLUE;
}

function render(size, options) {
  const rgba = Buffer.alloc(size * size * 4);
  const unit = 32 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SAMPLES) * unit, (py + (sy + 0.5) / SAMPLES) * unit, options);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        rgba[offset] = Math.round(r / covered);
        rgba[offset + 1] = Math.round(g / covered);
        rgba[offset + 2] = Math.round(b / covered);
      }
      rgba[offset + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return rgba;
}

// ----------------------------------------------------------------------------------- PNG encoding

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods all 0
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ------------------------------------------------------------------------------------------ output

const ICONS = [
  { file: "icon-192.png", size: 192, roundedCorners: true, shapeScale: 1 },
  { file: "icon-512.png", size: 512, roundedCorners: true, shapeScale: 1 },
  // The shield spans 22 of 32 units; at 0.8 it fits inside the safe zone's circle (radius 40 % of the icon).
  { file: "icon-maskable-512.png", size: 512, roundedCorners: false, shapeScale: 0.8 },
  { file: "apple-touch-icon.png", size: 180, roundedCorners: false, shapeScale: 0.9 },
];

for (const icon of ICONS) {
  const png = encodePng(icon.size, render(icon.size, icon));
  writeFileSync(path.join(PUBLIC_DIR, icon.file), png);
  process.stdout.write(`public/${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes\n`);
}
