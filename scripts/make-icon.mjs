// Draws Roster's app icon, build/icon.png (1024 × 1024), with no dependencies:
// the sidebar's brand mark (a rounded square in the accent gradient) with a
// white "R". electron-builder makes the .icns and .ico from it.
//   node scripts/make-icon.mjs [out-file]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'build', 'icon.png'));
const SIZE = 1024;
const SAMPLES = 4; // per axis: 16 samples a pixel, for smooth edges

const FROM = [0x2f, 0x5b, 0xea];
const TO = [0x6a, 0x4c, 0xe0];

/** Inside the rounded square (macOS-style margins: 100 px each side, radius 200). */
function inTile(x, y) {
  const min = 100;
  const max = SIZE - 100;
  const r = 200;
  if (x < min || x > max || y < min || y > max) return false;
  const cx = Math.min(Math.max(x, min + r), max - r);
  const cy = Math.min(Math.max(y, min + r), max - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A bold geometric "R": a stem, a bowl (a ring's right half joined by bars) and a leg. */
function inLetter(x, y) {
  const stroke = 104;
  const left = 330;
  const top = 270;
  const bottom = 754;
  const bowlBottom = 590;
  if (x >= left && x <= left + stroke && y >= top && y <= bottom) return true; // stem
  const bowlMidY = (top + bowlBottom) / 2;
  const outerR = (bowlBottom - top) / 2;
  const innerR = outerR - stroke;
  const bowlX = 545;
  if (y >= top && y <= bowlBottom && x >= left && x <= bowlX) {
    if (y <= top + stroke || y >= bowlBottom - stroke) return true; // bars of the bowl
  }
  const d = Math.hypot(x - bowlX, y - bowlMidY);
  if (x >= bowlX && d <= outerR && d >= innerR) return true; // round of the bowl
  // Leg: a slanted band from the bowl's lower middle to the bottom right.
  const [x0, y0, x1, y1] = [500, bowlBottom - stroke / 2, 720, bottom];
  const t = ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / ((x1 - x0) ** 2 + (y1 - y0) ** 2);
  if (t >= 0 && t <= 1) {
    const px = x0 + t * (x1 - x0);
    const py = y0 + t * (y1 - y0);
    if (Math.hypot(x - px, y - py) <= stroke / 2 && y <= bottom) return true;
  }
  return false;
}

const rows = [];
for (let y = 0; y < SIZE; y += 1) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x += 1) {
    let tile = 0;
    let letter = 0;
    for (let sy = 0; sy < SAMPLES; sy += 1) {
      for (let sx = 0; sx < SAMPLES; sx += 1) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        if (inTile(px, py)) {
          tile += 1;
          if (inLetter(px, py)) letter += 1;
        }
      }
    }
    const total = SAMPLES * SAMPLES;
    const t = (x + y) / (2 * SIZE);
    const base = FROM.map((from, i) => from + (TO[i] - from) * t);
    const white = tile === 0 ? 0 : letter / tile;
    const color = base.map((channel) => Math.round(channel + (255 - channel) * white));
    row.set([...color, Math.round((tile / total) * 255)], 1 + x * 4);
  }
  rows.push(row);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`${path.relative(root, out)}: ${SIZE} × ${SIZE}, ${png.length.toLocaleString()} bytes`);
