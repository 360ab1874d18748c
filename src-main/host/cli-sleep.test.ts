import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleSession } from '../engine/console'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { LabStore } from '../persistence'
import { runBlocking } from './cli-console'
import { CliLab } from './cli-lab'

// `hci-lab run 'Start-Sleep 90; Get-Date'`: the CLI moves the lab's clock until the sleep ends, then
// the line goes on, and the file keeps the clock where the sleep left it.

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-sleep-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('Start-Sleep in hci-lab', () => {
  it('moves the clock by the sleep and saves it', () => {
    const file = join(dir, 'sleep.hcilab')
    LabStore.create(file, { name: 'Sleep', seed: 0, hardware: DEFAULT_HARDWARE }).store.close()
    const cli = CliLab.open(file)
    const start = cli.lab.now
    try {
      const session = new ConsoleSession(cli.consoleHost(), { color: false })
      const reply = runBlocking(session, cli, "Start-Sleep 90; Get-Date -Format 'HH:mm:ss'", () => {})
      expect(reply.error).toBeUndefined()
      expect(reply.output).toBe('09:01:30')
      expect(cli.lab.now - start).toBe(90_000)
    } finally {
      cli.close()
    }
    const reopened = CliLab.open(file)
    try {
      expect(reopened.lab.now - start).toBe(90_000)
    } finally {
      reopened.close()
    }
  })
})
