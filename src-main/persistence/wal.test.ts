import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabStore } from './store'
import {
  appendWorkload,
  digest,
  knownHashes,
  labInput,
  replayInMemory,
  useTempDir,
  type LoggedCommand,
} from './testkit'
import { checkWal } from './wal'

// SQLite stops reading a write-ahead log at its first bad frame and silently drops every
// transaction after it. The log is checked first, so such damage is found and said.

const tmp = useTempDir()
const FRAME_HEADER = 24

/** A crash image: the main file and its log as on disk while the lab was open, 20 commands in. */
function crashImage(): { file: string; log: LoggedCommand[]; pageSize: number } {
  const live = join(tmp.dir, 'live.hcilab')
  const { store, lab } = LabStore.create(live, labInput(3))
  const log = appendWorkload(store, lab, 3, 20)
  const file = join(tmp.dir, 'image.hcilab')
  fs.copyFileSync(live, file)
  fs.copyFileSync(`${live}-wal`, `${file}-wal`)
  store.close()
  fs.rmSync(live)
  const pageSize = fs.readFileSync(`${file}-wal`).readUInt32BE(8)
  return { file, log, pageSize }
}

function editWal(file: string, edit: (bytes: Buffer) => Buffer | void): void {
  const bytes = fs.readFileSync(`${file}-wal`)
  fs.writeFileSync(`${file}-wal`, edit(bytes) ?? bytes)
}

function xor(bytes: Buffer, at: number, mask: number): void {
  bytes.writeUInt8(bytes.readUInt8(at) ^ mask, at)
}

function frameCount(file: string, pageSize: number): number {
  return (fs.statSync(`${file}-wal`).size - 32) / (FRAME_HEADER + pageSize)
}

describe('checking the write-ahead log', () => {
  it('a whole log is not damage, nor is a missing one', () => {
    const { file } = crashImage()
    expect(checkWal(file)).toBeUndefined()
    expect(checkWal(join(tmp.dir, 'none.hcilab'))).toBeUndefined()
  })

  it('a flipped byte in the middle of the log: the saves after it are found lost, and said', () => {
    const { file, log, pageSize } = crashImage()
    const frames = frameCount(file, pageSize)
    const middle = Math.floor(frames / 2)
    editWal(file, (b) => {
      xor(b, 32 + middle * (FRAME_HEADER + pageSize) + FRAME_HEADER + 100, 0x40)
    })
    const damage = checkWal(file)
    expect(damage).toMatchObject({ badFrame: middle + 1 })
    expect(damage!.lostCommits).toBeGreaterThan(1)
    const original = { main: digest(file), wal: digest(`${file}-wal`) }
    const { store, lab } = LabStore.open(file)
    const at = knownHashes(3, log).get(lab.hash())
    expect(at).toBeDefined()
    expect(store.recovery).toContain(
      `Its write-ahead log is damaged at frame ${middle + 1}: ${damage!.lostCommits} later saves in it ` +
        `(commands after command ${at}, or positions of the clock) could not be read.`,
    )
    // SQLite alone opened this without a word, and without those saves.
    expect(lab.hash()).not.toBe(replayInMemory(3, log).hash())
    store.close()
    const kept = fs.readdirSync(tmp.dir).find((n) => /\.damaged-.*\.hcilab$/.test(n))!
    expect(digest(join(tmp.dir, kept))).toBe(original.main)
    expect(digest(join(tmp.dir, `${kept}-wal`))).toBe(original.wal)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
  })

  it('a flipped byte in the last commit frame: that save is found lost', () => {
    const { file, pageSize } = crashImage()
    const frames = frameCount(file, pageSize)
    editWal(file, (b) => {
      xor(b, 32 + (frames - 1) * (FRAME_HEADER + pageSize) + FRAME_HEADER + 7, 0x01)
    })
    expect(checkWal(file)).toEqual({ badFrame: frames, lostCommits: 1 })
  })

  it('a flipped byte in the header: every save in the log is found lost', () => {
    const { file } = crashImage()
    editWal(file, (b) => {
      xor(b, 17, 0x10) // a salt
    })
    expect(checkWal(file)).toMatchObject({ badFrame: 0 })
    expect(checkWal(file)!.lostCommits).toBeGreaterThan(10)
  })

  it('an unfinished transaction at the end (a crash while writing) is not damage', () => {
    const { file, pageSize } = crashImage()
    editWal(file, (b) => {
      // A torn frame after the last commit: this log's salts, not a commit, a bad checksum.
      const last = b.subarray(b.length - (FRAME_HEADER + pageSize))
      const torn = Buffer.from(last)
      torn.writeUInt32BE(0, 4)
      xor(torn, FRAME_HEADER + 10, 0xff)
      return Buffer.concat([b, torn])
    })
    expect(checkWal(file)).toBeUndefined()
  })
})
