import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hciLabIn } from './cli-kit'

// The hci-lab command as a user runs it: node bin/hci-lab.js (after npm run build).

let dir: string

const hciLab = hciLabIn(() => dir)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hci-lab new', () => {
  it("creates the seed's lab by default and prints a summary", () => {
    const r = hciLab('new', 'demo.hcilab')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Created lab "demo"')
    expect(r.stdout).toContain('2 x (4 cores, 64 GiB memory)')
    expect(r.stdout).toContain('4 x 1.92 TB SSD per server')
    expect(readFileSync(join(dir, 'demo.hcilab')).subarray(0, 15).toString()).toBe('SQLite format 3')
  })

  it('refuses to overwrite a file', () => {
    const before = readFileSync(join(dir, 'demo.hcilab'))
    const r = hciLab('new', 'demo.hcilab', '--servers', '3')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/already exists/)
    expect(readFileSync(join(dir, 'demo.hcilab')).equals(before)).toBe(true)
  })

  it('builds NVMe cache and HDD capacity from repeated --drives', () => {
    const r = hciLab(
      'new',
      'big.hcilab',
      '--servers',
      '2',
      '--memory',
      '512GiB',
      '--drives',
      '2x1.6TB:NVMe',
      '--drives',
      '4x4TB:HDD',
      '--seed',
      '7',
    )
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('2 x 1.6 TB NVMe (cache), 4 x 4 TB HDD (capacity)')
    const disks = hciLab('run', 'big.hcilab', 'Get-PhysicalDisk')
    expect(disks.code).toBe(0)
    const lines = disks.stdout.split('\n')
    const cache = lines.filter((l) => l.includes('INTEL SSDPE2KX020T8'))
    const capacity = lines.filter((l) => l.includes('SEAGATE ST4000NM0035'))
    expect(cache).toHaveLength(4)
    expect(capacity).toHaveLength(8)
    for (const line of cache) expect(line).toMatch(/Journal/)
    for (const line of capacity) expect(line).toMatch(/HDD .*Auto-Select/)
  })

  it('refuses hardware S2D does not support, as a usage error', () => {
    const r = hciLab('new', 'bad.hcilab', '--drives', '4x4TB:HDD')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/All-HDD/)
  })
})

describe('hci-lab run', () => {
  it('prints what the console prints, without colour codes when piped', () => {
    const r = hciLab('run', 'demo.hcilab', 'Get-StoragePool')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('S2D on hci-cluster')
    expect(r.stdout).not.toContain('\x1b[')
    expect(r.stderr).toBe('')
  })

  it('stops at the first failing command with exit code 1; earlier commands stay saved', () => {
    const r = hciLab(
      'run',
      'demo.hcilab',
      'New-Volume -FriendlyName Alpha -Size 100GB -ResiliencySettingName Mirror',
      'Get-VirtualDisk -FriendlyName NoSuchDisk',
      'New-Volume -FriendlyName Beta -Size 100GB -ResiliencySettingName Mirror',
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/NoSuchDisk/)
    const after = hciLab('run', 'demo.hcilab', 'Get-VirtualDisk')
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('Alpha')
    expect(after.stdout).not.toContain('Beta')
  })

  it('runs every command in one session', () => {
    const r = hciLab(
      'run',
      'demo.hcilab',
      '$pool = Get-StoragePool -FriendlyName "S2D on hci-cluster"',
      '$pool.FriendlyName',
    )
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('S2D on hci-cluster')
  })

  it('exits 2 with the reason when the file cannot be opened', () => {
    writeFileSync(join(dir, 'junk.hcilab'), 'this is not a lab')
    const junk = hciLab('run', 'junk.hcilab', 'Get-StoragePool')
    expect(junk.code).toBe(2)
    expect(junk.stderr).toMatch(/"junk\.hcilab" is not an HCI Lab file/)
    const whole = readFileSync(join(dir, 'demo.hcilab'))
    writeFileSync(join(dir, 'cut.hcilab'), whole.subarray(0, Math.floor(whole.length / 2) + 100))
    const cut = hciLab('run', 'cut.hcilab', 'Get-StoragePool')
    expect(cut.code).toBe(2)
    expect(cut.stderr).toMatch(/damaged/)
    const missing = hciLab('run', 'missing.hcilab', 'Get-StoragePool')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/does not exist/)
  })
})

describe('usage', () => {
  it('prints help on request', () => {
    for (const arg of ['--help', 'help']) {
      const r = hciLab(arg)
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^Usage:/)
      expect(r.stdout).toContain('hci-lab run FILE')
    }
  })

  it('exits 2 with the usage on stderr for mistakes', () => {
    const mistakes = [
      [],
      ['frobnicate'],
      ['run', 'demo.hcilab'],
      ['shell'],
      ['new'],
      ['new', 'x.hcilab', '--servers', 'many'],
      ['new', 'x.hcilab', '--memory', 'lots'],
      ['new', 'x.hcilab', '--drives', '4x1TB:Tape'],
      ['new', 'x.hcilab', '--bogus'],
    ]
    for (const args of mistakes) {
      const r = hciLab(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toContain('Usage:')
      expect(r.stdout).toBe('')
    }
  })
})
