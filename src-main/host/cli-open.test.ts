import fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LabStore } from '../persistence'
import { appendWorkload, labInput } from '../persistence/testkit'
import type { Io } from './cli-console'
import { main } from './cli-main'

// What hci-lab says on opening a lab file that had to be repaired.

let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'hci-cli-open-'))
})

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function fakeIo(): { io: Io; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  const stream = (append: (text: string) => void) =>
    ({ isTTY: false, write: (text: string) => (append(text), true) }) as unknown as NodeJS.WriteStream
  const io = {
    stdin: process.stdin,
    stdout: stream((t) => (out += t)),
    stderr: stream((t) => (err += t)),
  }
  return { io, out: () => out, err: () => err }
}

describe('hci-lab on a damaged lab file', () => {
  it('prints what was lost to stderr, then runs the command on the recovered lab', async () => {
    const file = join(dir, 'demo.hcilab')
    const { store, lab } = LabStore.create(file, labInput(2))
    appendWorkload(store, lab, 2, 4)
    store.close()
    const db = new Database(file)
    db.prepare('DELETE FROM commands WHERE seq = 4').run()
    db.prepare("INSERT INTO commands (seq, at, body) VALUES (5, 0, '{}')").run()
    db.close()
    const { io, out, err } = fakeIo()
    expect(await main(['run', file, 'Get-Volume'], io)).toBe(0)
    expect(err()).toMatch(
      /^hci-lab: The lab file "demo\.hcilab" was damaged, so it opened at its last good point\. Command 4 of 5 is missing; commands 4–5 were lost\. The original file was kept as demo\.damaged-\d{4}-\d{2}-\d{2}\.hcilab\.\n$/,
    )
    expect(out()).toContain('Volume01')
  })
})
