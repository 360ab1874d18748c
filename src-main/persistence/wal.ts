import fs from 'node:fs'

// SQLite reads a write-ahead log up to its first frame that fails its checksum and silently ignores
// the rest, even acknowledged transactions. So the log is checked here, before SQLite opens the
// file, following the documented format (https://www.sqlite.org/fileformat2.html#walformat): a
// 32-byte header (magic, version, page size, checkpoint number, two salts, a checksum), then frames
// of a 24-byte header (page number, database size for a commit frame, the salts, a cumulative
// checksum) and one page.

const HEADER = 32
const FRAME_HEADER = 24
const MAGIC_LE = 0x377f0682
const MAGIC_BE = 0x377f0683
const VERSION = 3007000

export interface WalDamage {
  /** The first frame (1-based) SQLite will not read, or 0 when the whole log is ignored. */
  badFrame: number
  /** Committed transactions written after the damage, which SQLite would drop. */
  lostCommits: number
}

/**
 * Reads the log beside `file`, if any; returns what damage would silently drop, or undefined when
 * SQLite will read every committed transaction in it. An unfinished transaction at the end (a crash
 * while writing) is not damage: it was never acknowledged.
 */
export function checkWal(file: string): WalDamage | undefined {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(`${file}-wal`)
  } catch {
    return undefined
  }
  if (bytes.length < HEADER) return undefined
  const header = readHeader(bytes)
  const frames = Math.floor((bytes.length - HEADER) / (FRAME_HEADER + header.pageSize))
  if (!header.valid) {
    const lost = countCommits(bytes, header, 0, frames)
    return lost > 0 ? { badFrame: 0, lostCommits: lost } : undefined
  }
  let s: Sums = header.sums
  for (let i = 0; i < frames; i++) {
    const at = frameOffset(i, header.pageSize)
    const ours = bytes.readUInt32BE(at + 8) === header.salt1 && bytes.readUInt32BE(at + 12) === header.salt2
    const next = checksum(bytes, at, 8, header.bigEndian, s)
    const page = checksum(bytes, at + FRAME_HEADER, header.pageSize, header.bigEndian, next)
    const intact = page[0] === bytes.readUInt32BE(at + 16) && page[1] === bytes.readUInt32BE(at + 20)
    if (!ours || !intact) {
      const lost = countCommits(bytes, header, i, frames)
      return lost > 0 ? { badFrame: i + 1, lostCommits: lost } : undefined
    }
    s = page
  }
  return undefined
}

type Sums = readonly [number, number]

interface Header {
  valid: boolean
  bigEndian: boolean
  pageSize: number
  salt1: number
  salt2: number
  sums: Sums
}

function readHeader(bytes: Buffer): Header {
  const magic = bytes.readUInt32BE(0)
  const bigEndian = magic === MAGIC_BE
  const rawSize = bytes.readUInt32BE(8)
  const sizeOk = rawSize >= 512 && rawSize <= 65536 && (rawSize & (rawSize - 1)) === 0
  const sums = checksum(bytes, 0, 24, bigEndian, [0, 0])
  const valid =
    (magic === MAGIC_LE || magic === MAGIC_BE) &&
    bytes.readUInt32BE(4) === VERSION &&
    sizeOk &&
    sums[0] === bytes.readUInt32BE(24) &&
    sums[1] === bytes.readUInt32BE(28)
  return {
    valid,
    bigEndian,
    // A damaged size cannot be trusted: SQLite's default page size frames what follows.
    pageSize: sizeOk ? rawSize : 4096,
    salt1: bytes.readUInt32BE(16),
    salt2: bytes.readUInt32BE(20),
    sums,
  }
}

/**
 * Commit frames from frame `from` on that belong to this log. One damaged byte changes at most one
 * salt, while frames left from an earlier log (which SQLite overwrites from the start) differ in both.
 */
function countCommits(bytes: Buffer, header: Header, from: number, frames: number): number {
  let commits = 0
  for (let i = from; i < frames; i++) {
    const at = frameOffset(i, header.pageSize)
    const ours = bytes.readUInt32BE(at + 8) === header.salt1 || bytes.readUInt32BE(at + 12) === header.salt2
    if (ours && bytes.readUInt32BE(at + 4) !== 0) commits++
  }
  return commits
}

function frameOffset(index: number, pageSize: number): number {
  return HEADER + index * (FRAME_HEADER + pageSize)
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) at `start`, continuing from `s`. */
function checksum(bytes: Buffer, start: number, length: number, bigEndian: boolean, s: Sums): Sums {
  let [s0, s1] = s
  for (let i = start; i < start + length; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i)
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4)
    s0 = (s0 + x0 + s1) >>> 0
    s1 = (s1 + x1 + s0) >>> 0
  }
  return [s0, s1]
}
