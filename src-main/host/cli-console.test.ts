import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleSession } from '../engine/console'
import { FLOW } from '../engine/console/testkit'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { Lab } from '../engine/lab'
import { LabFileError, LabStore } from '../persistence'
import { runBlocking } from './cli-console'
import { CliLab } from './cli-lab'

// hci-lab on a disk that fills up: the process runs under a file-size limit (ulimit -f), so SQLite's
// writes really fail part-way. What the console shows afterwards must be what the file holds.

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = join(import.meta.dirname, 'cli.ts')
/** KiB the process may write to one file: room for a few dozen commands of a new lab. */
const FILE_LIMIT_KIB = 100

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-full-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** `hci-lab ARGS…` from the sources; `limitKiB` caps the size of any file it writes. */
function hciLab(args: string[], options: { input?: string; limitKiB?: number } = {}) {
  const limit = options.limitKiB === undefined ? '' : `ulimit -f ${options.limitKiB}; `
  const r = spawnSync(
    'bash',
    ['-c', `${limit}exec "$0" "$@"`, process.execPath, '--import', 'tsx', CLI, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
      input: options.input ?? '',
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const newVolumes = (count: number) =>
  Array.from({ length: count }, (_, i) => `$null = New-Volume -FriendlyName D${i + 1} -Size 1GB`)

/** The last number the console printed (a Count). */
const lastNumber = (text: string) => Number(/(\d+)\s*(?:\[[^\]]*\]: PS [^\n]*)?\s*$/.exec(text)?.[1])

describe('hci-lab on a full disk', () => {
  it('shell: a command that could not be saved is undone, and the console says so', () => {
    const file = join(dir, 'full.hcilab')
    expect(hciLab(['new', file]).code).toBe(0)
    const lines = [...newVolumes(60), '(Get-VirtualDisk).Count']
    const full = hciLab(['shell', file], { input: lines.join('\n') + '\n', limitKiB: FILE_LIMIT_KIB })
    const shown = lastNumber(full.stdout)
    const saved = hciLab(['run', file, '(Get-VirtualDisk).Count'])
    expect(saved.stderr).toBe('')
    expect(Number(saved.stdout.trim())).toBe(shown)
    // Some commands were saved before the disk filled up, and not all of them.
    expect(shown).toBeGreaterThan(1)
    expect(shown).toBeLessThan(61)
    expect(full.stdout).toMatch(/The change could not be saved, so it was undone: Could not save a command/)
  })

  it('run: stops at the command that could not be saved and leaves the file as it was', () => {
    const file = join(dir, 'run.hcilab')
    expect(hciLab(['new', file]).code).toBe(0)
    const full = hciLab(['run', file, ...newVolumes(60)], { limitKiB: FILE_LIMIT_KIB })
    expect(full.code).toBe(1)
    const failed = /New-Volume : The change could not be saved, so it was undone/.exec(full.stderr)
    expect(failed).not.toBeNull()
    const saved = hciLab(['run', file, '(Get-VirtualDisk).Count'])
    expect(Number(saved.stdout.trim())).toBeGreaterThan(1)
    expect(Number(saved.stdout.trim())).toBeLessThan(61)
  })
})

describe('hci-lab while a line waits for its task', () => {
  it('ends the line when the clock cannot be saved, and takes the next line', () => {
    const file = join(dir, 'clock.hcilab')
    LabStore.create(file, { name: 'Clock', seed: 0, hardware: DEFAULT_HARDWARE }).store.close()
    const cli = CliLab.open(file)
    try {
      const session = new ConsoleSession(cli.consoleHost(), { color: false })
      const start = cli.lab.now
      const saveClock = vi.spyOn(LabStore.prototype, 'saveClock').mockImplementation(() => {
        throw new LabFileError(
          'Io',
          file,
          'Could not save the clock to the lab file "clock.hcilab": disk full.',
        )
      })
      const reply = runBlocking(session, cli, FLOW, () => {})
      expect(reply.error).toMatch(
        /^The change could not be saved, so it was undone: Could not save the clock/,
      )
      expect(reply.output).toContain('Install-AksHci : The change could not be saved')
      saveClock.mockRestore()
      // The lab was reloaded from the file, whose clock never moved on.
      expect(cli.lab.now).toBe(start)
      expect(session.run('1 + 1').output).toBe('2')
    } finally {
      cli.close()
    }
  })
})

describe('hci-lab waiting for a task that never ends', () => {
  // Time moves (by `step` past where it was asked to go), the queue always holds more work, but the
  // task never ends.
  it.each([
    ['a bounded number of events', 0, /has not finished after 100,000 scheduled events/],
    ['a week of virtual time', 86_400_000, /has not finished after 7 days of virtual time/],
  ])('stops waiting after %s and takes the next line', (_, step, message) => {
    const file = join(dir, 'stuck.hcilab')
    LabStore.create(file, { name: 'Stuck', seed: 0, hardware: DEFAULT_HARDWARE }).store.close()
    const cli = CliLab.open(file)
    try {
      const session = new ConsoleSession(cli.consoleHost(), { color: false })
      const advance = vi.spyOn(Lab.prototype, 'advanceTo').mockImplementation(function (this: Lab, t) {
        this.state.clock.now = t + step
      })
      const reply = runBlocking(session, cli, FLOW, () => {})
      advance.mockRestore()
      expect(reply.error).toMatch(message)
      expect(session.run('1 + 1').output).toBe('2')
    } finally {
      cli.close()
    }
  })
})

describe('hci-lab when the engine throws part-way through moving the clock', () => {
  it('reloads the lab from its file and says the change was undone', () => {
    const file = join(dir, 'throws.hcilab')
    LabStore.create(file, { name: 'Throws', seed: 0, hardware: DEFAULT_HARDWARE }).store.close()
    const cli = CliLab.open(file)
    try {
      const session = new ConsoleSession(cli.consoleHost(), { color: false })
      const before = cli.lab
      const start = before.now
      const advance = vi.spyOn(Lab.prototype, 'advanceTo').mockImplementationOnce(function (this: Lab) {
        // Half of an advance: the clock moved, then an event handler threw.
        this.state.clock.now += 60_000
        throw new TypeError('(q ?? "").trim is not a function')
      })
      const reply = runBlocking(session, cli, FLOW, () => {})
      advance.mockRestore()
      expect(reply.error).toBe(
        'The change failed part-way, so it was undone: (q ?? "").trim is not a function',
      )
      expect(cli.lab).not.toBe(before)
      expect(cli.lab.now).toBe(start)
    } finally {
      cli.close()
    }
  })
})

describe('kubectl apply -f on the command line', () => {
  const fifo = () => {
    const path = join(dir, 'pipe.yaml')
    spawnSync('mkfifo', [path])
    return path
  }
  const large = () => {
    const path = join(dir, 'large.yaml')
    writeFileSync(path, '')
    truncateSync(path, 5 * 1024 * 1024)
    return path
  }

  it.each([
    ['a FIFO, which would block for ever', fifo, /not a regular file/],
    ['a device, which never ends', () => '/dev/zero', /not a regular file/],
    ['a file larger than a manifest', large, /at most 4,194,304 bytes/],
  ])('refuses %s at once', (_, path, message) => {
    const file = join(dir, 'lab.hcilab')
    LabStore.create(file, { name: 'Lab', seed: 0, hardware: DEFAULT_HARDWARE }).store.close()
    const cli = CliLab.open(file)
    try {
      expect(() => cli.consoleHost().readFile!(path())).toThrow(message)
    } finally {
      cli.close()
    }
  })
})
