import { describe, expect, it } from 'vitest'
import { newConsole } from './testkit'

// PowerShell resolves every command of a pipeline and binds its parameters before the first one
// runs: a pipeline that fails to start changes nothing. Statements still run one after another.

const NEW = 'New-Volume -FriendlyName X -Size 1GB'

function volumeNames(lab: ReturnType<typeof newConsole>['lab']): string[] {
  return Object.values(lab.state.volumes).map((v) => v.name)
}

describe('a pipeline that cannot start runs none of its commands', () => {
  it.each([
    ['an unknown command', `${NEW} | Out-Nothing`, /The term 'Out-Nothing' is not recognized/],
    ['an unknown parameter', `${NEW} | Select-Object -Bogus 1`, /matches parameter name 'Bogus'/],
    ['a missing value', `${NEW} | Select-Object -ExpandProperty`, /Missing an argument for parameter/],
    [
      'a value of the wrong type',
      `${NEW} | Where-Object -FilterScript 5`,
      /Cannot bind parameter 'FilterScript'/,
    ],
    [
      'two operators of Where-Object',
      `${NEW} | Where-Object Size -gt -lt 2`,
      /Parameter set cannot be resolved/,
    ],
    [
      '-Size with tier sizes',
      `${NEW} | New-Volume -FriendlyName Y -Size 1GB -StorageTierSizes 1GB`,
      /Parameter set cannot be resolved/,
    ],
    ['an unknown command in a later stage', `${NEW} | Select-Object -First 1 | Nope`, /The term 'Nope'/],
  ])('%s', (_, line, message) => {
    const { lab, session } = newConsole()
    const before = lab.hash()
    const reply = session.run(line)
    expect(reply.error).toMatch(message)
    expect(volumeNames(lab)).not.toContain('X')
    expect(lab.hash()).toBe(before)
  })

  it('points at the command that is not found', () => {
    const { run } = newConsole()
    const out = run(`${NEW} | Out-Nothing`)
    expect(out).toContain('At line:1 char:40')
    expect(out).toContain(`+ ${NEW} | Out-Nothing\n+                                        ~~~~~~~~~~~`)
  })

  it('an unknown command in a sub-expression argument stops the pipeline before it runs', () => {
    const { lab, session } = newConsole()
    expect(session.run(`${NEW} | Select-Object -First (Nope)`).error).toMatch(/The term 'Nope'/)
    expect(volumeNames(lab)).not.toContain('X')
  })
})

describe('statements of a line', () => {
  it('run in order: a later unknown command fails when reached, after the earlier ones ran', () => {
    const { lab, session } = newConsole()
    const reply = session.run(`${NEW}; Out-Nothing`)
    expect(reply.error).toMatch(/The term 'Out-Nothing' is not recognized/)
    expect(volumeNames(lab)).toContain('X')
  })

  it('a script block resolves its commands when it runs, as PowerShell compiles them lazily', () => {
    const { lab, session } = newConsole()
    expect(session.run(`${NEW} | ForEach-Object { $_ | Nope }`).error).toMatch(/The term 'Nope'/)
    expect(volumeNames(lab)).toContain('X')
  })

  it('a parse error anywhere in the line runs nothing', () => {
    const { lab, session } = newConsole()
    const reply = session.run(`${NEW}; Get-Volume | Where-Object { $_.Size -gt`)
    expect(reply.output).toContain('ParserError')
    expect(volumeNames(lab)).not.toContain('X')
  })

  it('a pipeline that binds runs as before', () => {
    const { lab, run } = newConsole()
    expect(run(`${NEW} | Select-Object -ExpandProperty FriendlyName`)).toBe('X')
    expect(volumeNames(lab)).toContain('X')
  })
})
