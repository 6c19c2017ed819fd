import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ICON_STATES, trayIconPath } from '../../src/main/tray-icons';
import type { Platform } from '../../src/core/ports';

const ASSETS = join(__dirname, '..', '..', 'assets');

/** Reads width, height and RGBA pixels of the PNGs scripts/make-icons.mjs writes (8-bit RGBA, filter 0). */
function readPng(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, pixels };
}

const coverage = (pixels: Buffer) => {
  let opaque = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) opaque++;
  return opaque / (pixels.length / 4);
};

describe('tray icons', () => {
  it('exist for every state on every platform, as Electron will look them up', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as Platform[]) {
      for (const state of ICON_STATES) {
        const file = trayIconPath(ASSETS, platform, state);
        expect(existsSync(file), file).toBe(true);
        if (platform === 'darwin') expect(existsSync(file.replace('Template.png', 'Template@2x.png'))).toBe(true);
      }
    }
  });

  it('are macOS template images: 16 and 32 px, black plus alpha only, not empty', () => {
    for (const state of ICON_STATES) {
      for (const [suffix, size] of [['Template.png', 16], ['Template@2x.png', 32]] as const) {
        const { width, height, pixels } = readPng(readFileSync(join(ASSETS, 'tray', `tray-${state}${suffix}`)));
        expect([width, height]).toEqual([size, size]);
        for (let i = 0; i < pixels.length; i += 4) expect(pixels[i]! + pixels[i + 1]! + pixels[i + 2]!).toBe(0);
        expect(coverage(pixels)).toBeGreaterThan(0.15);
      }
    }
  });

  it('look different for every state', () => {
    const seen = new Set(ICON_STATES.map((s) => readFileSync(join(ASSETS, 'tray', `tray-${s}.png`)).toString('base64')));
    expect(seen.size).toBe(ICON_STATES.length);
  });

  it('are .ico files on Windows holding PNGs from 16 to 64 px', () => {
    for (const state of ICON_STATES) {
      const ico = readFileSync(join(ASSETS, 'tray', `tray-${state}.ico`));
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
      const count = ico.readUInt16LE(4);
      const sizes: number[] = [];
      for (let i = 0; i < count; i++) {
        const e = 6 + i * 16;
        const png = readPng(ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8)));
        expect(png.width).toBe(ico[e]);
        sizes.push(png.width);
      }
      expect(sizes).toEqual([16, 20, 24, 32, 40, 48, 64]);
    }
  });

  it('include a 512 px app icon', () => {
    const { width, height } = readPng(readFileSync(join(ASSETS, 'icon.png')));
    expect([width, height]).toEqual([512, 512]);
  });
});
