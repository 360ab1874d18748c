import { describe, expect, it } from 'vitest'
import { stripAnsi } from './index'
import { newConsole, text } from './testkit'

describe('tab completion', () => {
  const { session } = newConsole()
  const complete = (line: string) => session.complete(line, line.length)

  it('completes command names case-insensitively, sorted', () => {
    expect(complete('get-v')).toEqual({
      replaceFrom: 0,
      candidates: [
        'Get-VHD',
        'Get-VirtualDisk',
        'Get-VM',
        'Get-VMHardDiskDrive',
        'Get-VMSwitch',
        'Get-Volume',
      ],
    })
    expect(complete('Get-Volume | so')).toEqual({ replaceFrom: 13, candidates: ['Sort-Object'] })
    expect(complete('si')).toEqual({ replaceFrom: 0, candidates: ['sim'] })
  })

  it('completes parameter names and ValidateSet / enum values', () => {
    expect(complete('New-Volume -Res')).toEqual({ replaceFrom: 11, candidates: ['-ResiliencySettingName'] })
    expect(complete('New-Volume -Stor').candidates).toEqual([
      '-StoragePoolFriendlyName',
      '-StorageTierFriendlyNames',
      '-StorageTierSizes',
    ])
    expect(complete('New-Volume -ResiliencySettingName m')).toEqual({
      replaceFrom: 34,
      candidates: ['Mirror'],
    })
    expect(complete('New-Volume -FileSystem CSV').candidates).toEqual(['CSVFS_NTFS', 'CSVFS_ReFS'])
  })

  it('completes sim subcommands and variables', () => {
    expect(complete('sim ')).toEqual({ replaceFrom: 4, candidates: ['advance', 'help', 'speed', 'time'] })
    expect(complete('sim speed p').candidates).toEqual(['pause'])
    session.run('$volumes = Get-Volume')
    expect(complete('$vo').candidates).toEqual(['$volumes'])
  })
})

describe('sim', () => {
  it('shows, advances and sets the virtual clock', () => {
    const { lab, run } = newConsole()
    expect(run('sim time')).toBe('Virtual time: 2020-09-22 09:00:00 UTC (speed: 1x)')
    expect(run('sim advance 90s; sim advance 30m; sim advance 2h')).toBe(
      text(
        'Virtual time: 2020-09-22 09:01:30 UTC (speed: 1x)',
        'Virtual time: 2020-09-22 09:31:30 UTC (speed: 1x)',
        'Virtual time: 2020-09-22 11:31:30 UTC (speed: 1x)',
      ),
    )
    expect(run('sim advance 1d')).toBe('Virtual time: 2020-09-23 11:31:30 UTC (speed: 1x)')
    expect(run('sim speed pause')).toBe('Virtual time: 2020-09-23 11:31:30 UTC (paused)')
    expect(run('sim speed MAX')).toBe('Virtual time: 2020-09-23 11:31:30 UTC (speed: max)')
    expect(lab.state.clock.speed).toBe('max')
  })

  it('explains bad durations and speeds', () => {
    const { session } = newConsole()
    const bad = session.run('sim advance soon')
    expect(bad.output).toBe(
      "sim advance: 'soon' is not a duration. Write a number and a unit: 90s, 30m, 2h, 1d (at most 30d at a time).",
    )
    expect(bad.error).toBeDefined()
    expect(session.run('sim speed 5').output).toBe(
      "sim speed: '5' is not a speed. Use one of: pause, 1, 10, 60, 600, max.",
    )
    expect(session.run('sim fly').output).toContain("sim: unknown command 'fly'.")
  })
})

describe('session', () => {
  it('has a banner and a remote-style prompt on the first server', () => {
    const { session } = newConsole()
    expect(session.banner).toMatch(
      /^Windows PowerShell\nCopyright \(C\) Microsoft Corporation\. All rights reserved\.\n/,
    )
    expect(session.banner).toContain('Get-Command')
    expect(session.prompt()).toBe('[hci-node1]: PS C:\\Users\\Administrator\\Documents> ')
    expect(session.run('   ')).toEqual({ output: '', prompt: session.prompt() })
  })

  it('stripAnsi removes colours', () => {
    expect(stripAnsi('\x1b[91mred\x1b[0m plain')).toBe('red plain')
  })

  it('cls clears the screen only on a colour terminal', () => {
    const { run } = newConsole()
    expect(run('cls')).toBe('')
  })
})
