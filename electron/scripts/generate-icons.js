// Draws Keywarden's icons as PNG files with nothing but node:zlib, so the repository needs no image
// tools: the app icon for electron-builder (electron/resources/icon.png), the window icon and one tray icon per
// health state (electron/resources/icons/, 16 px and @2x). Shapes are signed-distance functions, sampled 4×4
// per pixel for smooth edges. Run it again after changing a shape: `npm run icons`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---- PNG encoding (RGBA, 8 bits per channel, no filtering) ----
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- Shapes: distance < 0 inside, in unit coordinates (0..1, y down) ----
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
function segment(ax, ay, bx, by, width) {
  return (x, y) => {
    const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - t * dx, py - t * dy) - width / 2;
  };
}
function roundedRect(x0, y0, x1, y1, radius) {
  return (x, y) => {
    const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - radius);
    const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}
const union = (...shapes) => (x, y) => Math.min(...shapes.map((shape) => shape(x, y)));
const clipAbove = (shape, limit) => (x, y) => (y > limit ? Infinity : shape(x, y));

/** Paints layers ({ shape, color: [r,g,b] }) in order onto a transparent square. */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color } of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) < 0) covered++;
          }
        }
        const alpha = covered / (samples * samples);
        if (alpha === 0) continue;
        // "over" compositing, straight alpha
        const outA = alpha + a * (1 - alpha);
        r = (color[0] * alpha + r * a * (1 - alpha)) / outA;
        g = (color[1] * alpha + g * a * (1 - alpha)) / outA;
        b = (color[2] * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      rgba.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (py * size + px) * 4);
    }
  }
  return rgba;
}

// ---- Icons ----
const white = [255, 255, 255];
const glyphs = {
  ok: union(segment(0.3, 0.52, 0.44, 0.66, 0.11), segment(0.44, 0.66, 0.71, 0.35, 0.11)),
  warning: union(segment(0.5, 0.27, 0.5, 0.56, 0.12), circle(0.5, 0.73, 0.07)),
  error: union(segment(0.34, 0.34, 0.66, 0.66, 0.11), segment(0.66, 0.34, 0.34, 0.66, 0.11)),
  locked: union(roundedRect(0.31, 0.46, 0.69, 0.75, 0.05), clipAbove(ring(0.5, 0.44, 0.13, 0.075), 0.47)),
  paused: union(roundedRect(0.35, 0.3, 0.45, 0.7, 0.02), roundedRect(0.55, 0.3, 0.65, 0.7, 0.02)),
};
const healthColors = {
  ok: [46, 157, 91],
  warning: [214, 150, 0],
  error: [217, 58, 58],
  locked: [107, 114, 128],
  paused: [59, 130, 246],
};

function trayIcon(health, size) {
  return encodePng(size, render(size, [{ shape: circle(0.5, 0.5, 0.47), color: healthColors[health] }, { shape: glyphs[health], color: white }]));
}

function appIcon(size) {
  const gold = [242, 182, 50];
  const key = union(
    ring(0.37, 0.4, 0.14, 0.075),
    segment(0.47, 0.5, 0.75, 0.78, 0.075),
    segment(0.64, 0.67, 0.7, 0.61, 0.07),
    segment(0.71, 0.74, 0.77, 0.68, 0.07),
  );
  return encodePng(size, render(size, [{ shape: roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), color: [28, 36, 48] }, { shape: key, color: gold }]));
}

export function generateIcons() {
  const iconFolder = path.join(root, 'electron/resources/icons');
  mkdirSync(iconFolder, { recursive: true });
  mkdirSync(path.join(root, 'build'), { recursive: true });
  for (const health of Object.keys(glyphs)) {
    writeFileSync(path.join(iconFolder, `tray-${health}.png`), trayIcon(health, 16));
    writeFileSync(path.join(iconFolder, `tray-${health}@2x.png`), trayIcon(health, 32));
  }
  writeFileSync(path.join(iconFolder, 'app.png'), appIcon(256));
  // electron-builder makes the .icns/.ico and Linux sizes from this one file (it wants at least 512 px).
  writeFileSync(path.join(root, 'electron/resources/icon.png'), appIcon(1024));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  generateIcons();
  console.log('icons written to electron/resources/');
}
