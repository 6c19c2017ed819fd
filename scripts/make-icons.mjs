// Draws the tray and app icons (no image packages: shapes as distance functions, 8x8 supersampling,
// PNGs written with node:zlib). Run `node scripts/make-icons.mjs`; the output in assets/ is committed.
//   assets/tray/tray-<state>Template.png, @2x   macOS template images (black + alpha only)
//   assets/tray/tray-<state>.png, @2x           Linux, coloured
//   assets/tray/tray-<state>.ico                Windows, coloured, PNG entries 16..64
//   assets/icon.png                             512x512 app icon (electron-builder makes .icns/.ico)
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATES = ['none', 'active', 'logged-out', 'expiring', 'expired', 'error'];

// ---- PNG / ICO encoding -------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA (straight alpha, 0..255) -> PNG bytes. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
/** ICO container holding PNG images (Windows Vista and later read these). */
function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

// ---- Shapes (unit square, y down; negative distance = inside) -----------------------------
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

const cloud = union(roundRect(0.05, 0.55, 0.95, 0.84, 0.145), circle(0.3, 0.56, 0.165), circle(0.56, 0.44, 0.245), circle(0.79, 0.63, 0.155));
// Outlines need the true inside distance of the union, which min() over-estimates where shapes overlap:
// a point is on the outline when it is inside the cloud but a disc of the stroke width around it is not.
const RING = Array.from({ length: 32 }, (_, i) => [Math.cos((i * Math.PI) / 16), Math.sin((i * Math.PI) / 16)]);
const inCloudOutline = (x, y, stroke) => cloud(x, y) <= 0 && RING.some(([dx, dy]) => cloud(x + dx * stroke, y + dy * stroke) > 0);
const BADGE = { cx: 0.8, cy: 0.78, r: 0.18 };
const badge = circle(BADGE.cx, BADGE.cy, BADGE.r);
const badgeGap = circle(BADGE.cx, BADGE.cy, BADGE.r + 0.075);
const bang = union(roundRect(BADGE.cx - 0.035, BADGE.cy - 0.13, BADGE.cx + 0.035, BADGE.cy + 0.03, 0.03), circle(BADGE.cx, BADGE.cy + 0.095, 0.04));

/**
 * What one state looks like: the cloud filled or outlined, and an optional badge (a dot, a ring, or
 * a dot with "!") cut clear of the cloud. Colours are [r, g, b, a] with a in 0..1.
 */
function glyph(state, palette) {
  const look = {
    none: { cloud: 'outline', badge: null, colour: palette.muted },
    active: { cloud: 'fill', badge: null, colour: palette.active },
    'logged-out': { cloud: 'outline', badge: null, colour: palette.idle },
    expiring: { cloud: 'fill', badge: 'ring', colour: palette.active, badgeColour: palette.warn },
    expired: { cloud: 'outline', badge: 'dot', colour: palette.idle, badgeColour: palette.bad },
    error: { cloud: 'fill', badge: 'bang', colour: palette.bad, badgeColour: palette.bad },
  }[state];
  return (x, y, stroke) => {
    if (look.badge) {
      if (badge(x, y) <= 0) {
        if (look.badge === 'ring' && badge(x, y) < -stroke) return null;
        if (look.badge === 'bang' && bang(x, y) <= 0) return palette.knockout;
        return look.badgeColour;
      }
      if (badgeGap(x, y) <= 0) return null;
    }
    const inCloud = look.cloud === 'fill' ? cloud(x, y) <= 0 : inCloudOutline(x, y, stroke);
    return inCloud ? look.colour : null;
  };
}

/** Renders a shape function to RGBA with 8x8 supersampling (straight alpha out). */
function render(size, shape, { strokePx = 1.5, background = null, inset = 0 } = {}) {
  const S = 8;
  const out = Buffer.alloc(size * size * 4);
  const stroke = strokePx / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const ux = (px + (sx + 0.5) / S) / size;
          const uy = (py + (sy + 0.5) / S) / size;
          let c = background?.(ux, uy) ?? null;
          const gx = (ux - inset) / (1 - 2 * inset);
          const gy = (uy - inset) / (1 - 2 * inset);
          const top = shape(gx, gy, stroke / (1 - 2 * inset));
          if (top) c = top;
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return out;
}

const TEMPLATE = { active: [0, 0, 0, 1], idle: [0, 0, 0, 1], muted: [0, 0, 0, 0.45], warn: [0, 0, 0, 1], bad: [0, 0, 0, 1], knockout: null };
const COLOUR = {
  active: [46, 160, 67, 1],
  idle: [139, 148, 158, 1],
  muted: [139, 148, 158, 0.6],
  warn: [240, 165, 0, 1],
  bad: [215, 58, 73, 1],
  knockout: [255, 255, 255, 1],
};

function write(rel, data) {
  const file = join(root, 'assets', rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

for (const state of STATES) {
  const mono = glyph(state, TEMPLATE);
  const colour = glyph(state, COLOUR);
  write(`tray/tray-${state}Template.png`, encodePng(16, render(16, mono)));
  write(`tray/tray-${state}Template@2x.png`, encodePng(32, render(32, mono, { strokePx: 3 })));
  write(`tray/tray-${state}.png`, encodePng(32, render(32, colour, { strokePx: 3 })));
  write(`tray/tray-${state}@2x.png`, encodePng(64, render(64, colour, { strokePx: 6 })));
  const sizes = [16, 20, 24, 32, 40, 48, 64];
  write(`tray/tray-${state}.ico`, encodeIco(sizes.map((size) => ({ size, png: encodePng(size, render(size, colour, { strokePx: Math.max(1.5, size / 11) })) }))));
}

// App icon: the cloud on an AWS-navy rounded square, with the "expiring" ring in orange.
const tile = (x, y) => (roundRect(0.04, 0.04, 0.96, 0.96, 0.2)(x, y) <= 0 ? [35, 47, 62, 1] : null);
const appGlyph = glyph('expiring', { ...COLOUR, active: [255, 255, 255, 1], warn: [255, 153, 0, 1] });
write('icon.png', encodePng(512, render(512, appGlyph, { strokePx: 40, background: tile, inset: 0.17 })));
console.log(`Wrote ${STATES.length * 5 + 1} icons to assets/.`);
