import fs from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabFileError } from './errors'
import { LabStore } from './store'
import { digest, labInput, useTempDir } from './testkit'
import { applyAndAppend, mulberry32, workload } from './workload'

// Damage, systematically: byte flips all over a lab file, in its snapshots, in its commands and in
// its write-ahead log, and truncations, at seeded offsets. Each damaged file is refused, or opens
// as it was, or opens at a point the lab was known to be at and says so; the damaged original is
// always kept byte for byte.

const tmp = useTempDir()
const COMMANDS = 250

interface Fixture {
  file: string
  /** The lab's hash after each command, and after its last saved clock. */
  known: Set<string>
  final: string
}

/** A lab of COMMANDS commands; `open` keeps it open, so that its newest pages are in the log. */
function fixture(name: string, open: boolean): Fixture {
  const file = join(tmp.dir, name)
  const { store, lab } = LabStore.create(file, labInput(5))
  const known = new Set([lab.hash()])
  let count = 0
  for (const command of workload(5)) {
    if (count === COMMANDS) break
    if (!applyAndAppend(lab, store, command)) continue
    count++
    known.add(lab.hash())
  }
  if (open) {
    // A crash image: the main file and its log as they are on disk now.
    const image = join(tmp.dir, `image-${name}`)
    fs.copyFileSync(file, image)
    fs.copyFileSync(`${file}-wal`, `${image}-wal`)
    store.close()
    return { file: image, known, final: lab.hash() }
  }
  lab.advanceTo(lab.now + 600_000)
  store.saveClock(lab.now)
  store.close()
  known.add(lab.hash())
  return { file, known, final: lab.hash() }
}

type Outcome = 'refused' | 'whole' | 'recovered'

/** Damages a copy of the fixture with `damage`, opens it and checks the outcome. */
function damageCase(f: Fixture, label: string, damage: (file: string) => void): Outcome {
  const dir = fs.mkdtempSync(join(tmp.dir, 'case-'))
  const file = join(dir, 'lab.hcilab')
  fs.copyFileSync(f.file, file)
  if (fs.existsSync(`${f.file}-wal`)) fs.copyFileSync(`${f.file}-wal`, `${file}-wal`)
  damage(file)
  const original = { main: digest(file), wal: fs.existsSync(`${file}-wal`) ? digest(`${file}-wal`) : '' }
  try {
    return openCase(f, file, original, label)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function openCase(f: Fixture, file: string, original: { main: string; wal: string }, label: string): Outcome {
  let opened: ReturnType<typeof LabStore.open>
  try {
    opened = LabStore.open(file)
  } catch (e) {
    expect(e, label).toBeInstanceOf(LabFileError)
    expect(digest(file), `${label}: a refused file is left as it was`).toBe(original.main)
    return 'refused'
  }
  const { store, lab } = opened
  const hash = lab.hash()
  const recovery = store.recovery
  store.close()
  if (recovery === undefined) {
    expect(hash, `${label}: opened without a word, so exactly as it was`).toBe(f.final)
    return 'whole'
  }
  expect(f.known.has(hash), `${label}: opened at a point the lab was at (${recovery})`).toBe(true)
  const dir = dirname(file)
  const kept = fs.readdirSync(dir).find((n) => /\.damaged-.*\.hcilab$/.test(n))
  expect(kept, `${label}: the original is kept`).toBeDefined()
  expect(digest(join(dir, kept!)), `${label}: the original is kept byte for byte`).toBe(original.main)
  if (original.wal) expect(digest(join(dir, `${kept}-wal`)), `${label}: with its log`).toBe(original.wal)
  return 'recovered'
}

function flip(offset: number, random: () => number): (file: string) => void {
  return (file) => {
    const bytes = fs.readFileSync(file)
    bytes[offset] = bytes[offset]! ^ (1 + Math.floor(random() * 255))
    fs.writeFileSync(file, bytes)
  }
}

/** Offsets of every occurrence of `text` in the file: where its snapshots or commands are. */
function offsetsOf(file: string, text: string): number[] {
  const bytes = fs.readFileSync(file)
  const found: number[] = []
  for (let i = bytes.indexOf(text); i >= 0; i = bytes.indexOf(text, i + 1)) found.push(i)
  return found
}

/**
 * The bytes of the log that hold this generation's frames. Past them lie frames of earlier ones,
 * already copied into the main file (SQLite rewrites the log from its start after a checkpoint):
 * damage there loses nothing.
 */
function liveLogSize(wal: string): number {
  const bytes = fs.readFileSync(wal)
  const frame = 24 + bytes.readUInt32BE(8)
  let end = 32
  while (end + frame <= bytes.length && bytes.readUInt32BE(end + 8) === bytes.readUInt32BE(16)) end += frame
  return end
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const counts = { refused: 0, whole: 0, recovered: 0 }
  for (const o of outcomes) counts[o]++
  return counts
}

describe('damaged lab files', () => {
  it('byte flips anywhere in the file, in its snapshots and in its commands', () => {
    const f = fixture('flips.hcilab', false)
    const size = fs.statSync(f.file).size
    const random = mulberry32(7)
    const outcomes: Outcome[] = []
    for (let i = 0; i < 40; i++) {
      const offset = Math.floor(random() * size)
      outcomes.push(damageCase(f, `flip at ${offset}`, flip(offset, random)))
    }
    const snapshots = offsetsOf(f.file, '"format":1')
    const commands = offsetsOf(f.file, '{"type":"volume.')
    expect(snapshots.length).toBeGreaterThan(0)
    expect(commands.length).toBeGreaterThan(100)
    for (let i = 0; i < 20; i++) {
      const at = snapshots[i % snapshots.length]! + Math.floor(random() * 20_000)
      outcomes.push(damageCase(f, `snapshot flip at ${at}`, flip(Math.min(at, size - 1), random)))
      const c = commands[Math.floor(random() * commands.length)]! + Math.floor(random() * 60)
      const recovered = damageCase(f, `command flip at ${c}`, flip(c, random))
      outcomes.push(recovered)
    }
    const counts = tally(outcomes)
    // Flips inside commands and snapshots are found: most of these files recover, none silently.
    expect(counts.recovered).toBeGreaterThan(20)
  }, 120_000)

  it('truncations', () => {
    const f = fixture('cut.hcilab', false)
    const size = fs.statSync(f.file).size
    const random = mulberry32(11)
    const outcomes: Outcome[] = []
    for (let i = 0; i < 10; i++) {
      const length = 100 + Math.floor(random() * (size - 100))
      outcomes.push(damageCase(f, `cut at ${length}`, (file) => fs.truncateSync(file, length)))
    }
    expect(outcomes).not.toContain('whole')
  }, 60_000)

  it('byte flips in the write-ahead log', () => {
    const f = fixture('wal.hcilab', true)
    const size = liveLogSize(`${f.file}-wal`)
    const random = mulberry32(13)
    const outcomes: Outcome[] = []
    for (let i = 0; i < 40; i++) {
      const offset = Math.floor(random() * size)
      outcomes.push(damageCase(f, `log flip at ${offset}`, (file) => flip(offset, random)(`${file}-wal`)))
    }
    const counts = tally(outcomes)
    // SQLite alone would open most of these silently without the commands after the flip.
    expect(counts.recovered).toBeGreaterThan(30)
  }, 120_000)
})
