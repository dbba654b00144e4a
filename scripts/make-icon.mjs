// Draws the extension icon (128x128 PNG): a checklist on a dark tile. Written once, committed;
// kept so the icon can be redrawn without an image editor.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * size + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const rect = (x0, y0, w, h, c) => {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) set(x, y, c);
};
rect(0, 0, size, size, [0, 0, 0, 0]);
// Rounded tile.
for (let y = 0; y < size; y++)
  for (let x = 0; x < size; x++) {
    const dx = Math.max(12 - x, 0, x - (size - 13));
    const dy = Math.max(12 - y, 0, y - (size - 13));
    if (dx * dx + dy * dy <= 144) set(x, y, [28, 52, 84]);
  }
for (let row = 0; row < 4; row++) {
  const y = 24 + row * 22;
  rect(22, y, 14, 14, [235, 240, 245]);
  if (row < 3) {
    // a tick in the first three boxes
    for (let t = 0; t < 5; t++) {
      rect(24 + t, y + 6 + t, 2, 2, [46, 160, 67]);
    }
    for (let t = 0; t < 8; t++) {
      rect(28 + t, y + 10 - t, 2, 2, [46, 160, 67]);
    }
  }
  rect(44, y + 4, row === 3 ? 40 : 62, 6, row < 3 ? [160, 180, 200] : [235, 240, 245]);
}
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0;
  px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8;
ihdr[9] = 6;
mkdirSync('images', { recursive: true });
writeFileSync(
  'images/icon.png',
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
console.log('wrote images/icon.png');
