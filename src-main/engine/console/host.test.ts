import { describe, expect, it } from 'vitest'
import { newConsole, text } from './testkit'

// Write-Host, Write-Verbose, Out-Null, Out-String, Get-Date and Start-Sleep on the virtual clock.

describe('host and time cmdlets', () => {
  it.each([
    ['Write-Host hello world', text('hello world')],
    ['Write-Host a,b -Separator ", "', text('a, b')],
    ['1,2 | Write-Host', text('1', '2')],
    ['Write-Host a -NoNewline; Write-Host b; Write-Host c', text('ab', 'c')],
    ['Write-Host "red" -ForegroundColor Red', text('red')],
    ['Write-Verbose "hidden"', ''],
    ['Write-Verbose "shown" -Verbose', text('VERBOSE: shown')],
    [
      "$VerbosePreference = 'Continue'; Write-Verbose on; Write-Verbose off -Verbose:$false",
      text('VERBOSE: on'),
    ],
    ['Get-Volume | Out-Null', ''],
    ['(Get-ClusterNode | Out-String | Measure-Object).Count', text('1')],
    ['Get-Date -Format "yyyy-MM-dd HH:mm:ss"', text('2020-09-22 09:00:00')],
    ['Get-Date -Format o', text('2020-09-22T09:00:00.0000000+00:00')],
    ['(Get-Date).Year', text('2020')],
    ['"$(Get-Date)"', text('9/22/2020 9:00:00 AM')],
  ])('%s', (line, expected) => {
    const { run } = newConsole()
    expect(run(line)).toBe(expected)
  })

  it('prints Get-Date as the long date and time, between blank lines', () => {
    const { run } = newConsole()
    expect(run('Get-Date')).toBe(text('', 'Tuesday, September 22, 2020 9:00:00 AM', '', ''))
  })

  it('prints what Write-Host wrote before the statement failed', () => {
    const { run } = newConsole()
    expect(run('Write-Host before; Get-Nothing').split('\n')[0]).toBe('before')
  })

  it('Out-String gives the table the console would print, as one string; -Stream a line each', () => {
    const { run } = newConsole()
    expect(run('Get-ClusterNode | Out-String')).toBe(run('Get-ClusterNode') + '\n')
    expect(run('(Get-ClusterNode | Out-String -Stream).Count')).toBe('7')
  })

  it('Start-Sleep blocks the line until that much virtual time has passed, printing nothing', () => {
    const { lab, session } = newConsole()
    const started = session.run('Start-Sleep 90; Get-Date -Format T')
    expect(started.output).toBe('')
    expect(started.wait).toBeDefined()
    lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    expect(session.progress()).toBe('')
    expect(session.resume().wait).toBeDefined()
    lab.dispatch({ type: 'clock.advance', ms: 30_000 })
    expect(session.resume()).toMatchObject({ output: '9:01:30 AM' })
    expect(session.waitingFor()).toBeNull()
  })

  it('Ctrl+C stops Start-Sleep: the line ends without an error and the rest of it does not run', () => {
    const { lab, session } = newConsole()
    session.run('Start-Sleep -Milliseconds 5000; Get-Date')
    lab.dispatch({ type: 'clock.advance', ms: 1000 })
    session.cancel()
    expect(session.resume()).toEqual({ output: '', prompt: session.prompt() })
    expect(lab.state.queue.some((e) => e.kind === 'task.complete')).toBe(false)
  })

  it('Start-Sleep 0 does not wait', () => {
    expect(newConsole().session.run('Start-Sleep 0').wait).toBeUndefined()
  })

  it.each([
    [
      'Start-Sleep -Seconds -1',
      "Cannot validate argument on parameter 'Seconds'. The -1 argument is less than the minimum allowed range of 0.",
    ],
    [
      'Start-Sleep 1 -Milliseconds 1',
      'Parameter set cannot be resolved using the specified named parameters.',
    ],
    ['Start-Sleep', 'Cannot process command because of one or more missing mandatory parameters: Seconds.'],
    [
      'Start-Sleep -Seconds 2592001',
      'The 2592001 argument is greater than the maximum allowed range of 2592000.',
    ],
  ])('%s is refused and leaves the clock', (line, message) => {
    const { lab, session } = newConsole()
    const before = lab.state.clock.now
    const reply = session.run(line)
    expect(reply.error).toContain(message)
    expect(lab.state.clock.now).toBe(before)
  })
})
