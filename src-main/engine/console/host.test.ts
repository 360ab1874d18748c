import { describe, expect, it } from 'vitest'
import { newConsole, text } from './testkit'

// Write-Host, Write-Verbose, Out-Null, Out-String, Get-Date and Start-Sleep on the virtual clock.

describe('host and time cmdlets', () => {
  it.each([
    ['Write-Host hello world', text('hello world')],
    ['Write-Host a,b -Separator ", "', text('a, b')],
    ['1,2 | Write-Host', text('1', '2')],
    ['Write-Host "red" -ForegroundColor Red', text('red')],
    ['Write-Verbose "hidden"', ''],
    ['Write-Verbose "shown" -Verbose', text('VERBOSE: shown')],
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

  it('Start-Sleep moves the virtual clock by that much, and Get-Date shows it', () => {
    const { lab, run } = newConsole()
    const before = lab.state.clock.now
    expect(run('Start-Sleep 90; Start-Sleep -Milliseconds 500')).toBe('')
    expect(lab.state.clock.now - before).toBe(90_500)
    expect(run('Get-Date -Format T')).toBe('9:01:30 AM')
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
