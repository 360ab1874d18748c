// Draws the app icon (a Windows Admin Center-blue rounded square with "HCI") and writes it as a
// 512×512 PNG to build/icon.png (electron-builder) and resources/icon.png (the window icon).
// Run: node build/make-icon.mjs. No dependencies: the PNG is encoded here with node:zlib.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const BLUE = [0, 120, 212] // #0078D4
const WHITE = [255, 255, 255]
const RADIUS = 96

// 7×8 cell letters with strokes two cells thick.
const GLYPHS = {
  H: ['##...##', '##...##', '##...##', '#######', '#######', '##...##', '##...##', '##...##'],
  C: ['.######', '#######', '##.....', '##.....', '##.....', '##.....', '#######', '.######'],
  I: ['#######', '#######', '..###..', '..###..', '..###..', '..###..', '#######', '#######'],
}
const COLS = 7
const ROWS = 8
const CELL = 16
const GAP = 28
const TEXT = 'HCI'
const textWidth = TEXT.length * COLS * CELL + (TEXT.length - 1) * GAP
const left = Math.round((SIZE - textWidth) / 2)
const top = Math.round((SIZE - ROWS * CELL) / 2) - 16

function inSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), SIZE - RADIUS)
  const cy = Math.min(Math.max(y, RADIUS), SIZE - RADIUS)
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2
}

function inText(x, y) {
  // A bar under the letters, like the underline of a selected tool in Admin Center.
  if (y >= top + ROWS * CELL + 30 && y < top + ROWS * CELL + 46 && x >= left && x < left + textWidth)
    return true
  for (let i = 0; i < TEXT.length; i++) {
    const gx = Math.floor((x - left - i * (COLS * CELL + GAP)) / CELL)
    const gy = Math.floor((y - top) / CELL)
    if (gx >= 0 && gx < COLS && gy >= 0 && gy < ROWS && GLYPHS[TEXT[i]][gy][gx] === '#') return true
  }
  return false
}

// 4×4 supersampling for smooth corners.
const rows = []
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4) // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    let square = 0
    let text = 0
    for (let sy = 0; sy < 4; sy++)
      for (let sx = 0; sx < 4; sx++) {
        const px = x + (sx + 0.5) / 4
        const py = y + (sy + 0.5) / 4
        if (inSquare(px, py)) {
          square++
          if (inText(px, py)) text++
        }
      }
    const t = square ? text / square : 0
    const o = 1 + x * 4
    for (let c = 0; c < 3; c++) row[o + c] = Math.round(BLUE[c] * (1 - t) + WHITE[c] * t)
    row[o + 3] = Math.round((square / 16) * 255)
  }
  rows.push(row)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
const root = new URL('..', import.meta.url)
for (const file of ['build/icon.png', 'resources/icon.png']) writeFileSync(new URL(file, root), png)
console.log(`icon: ${png.length} bytes`)
