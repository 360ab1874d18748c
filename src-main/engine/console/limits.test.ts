import { describe, expect, it } from 'vitest'
import { newConsole } from './testkit'

// No console line can hang or crash the host: each of these gets PowerShell's error or the
// console's own limit error at once, changes nothing, and the console goes on working.

const nest = (open: string, inner: string, close: string, depth: number) =>
  open.repeat(depth) + inner + close.repeat(depth)

describe('lines that would hang or crash the host are refused', () => {
  it.each([
    ['nested parentheses', nest('(', '1', ')', 5000), /nested too deeply/],
    ['nested script blocks', nest('{', '', '}', 5000), /nested too deeply/],
    ['nested sub-expressions', nest('$(', '1', ')', 5000), /nested too deeply/],
    ['nested hash tables', nest('@{a=', '1', '}', 3000), /nested too deeply/],
    ['nested indexes', nest('$a[', '0', ']', 5000), /nested too deeply/],
    ['nested command arguments', nest('Write-Output (', '1', ')', 3000), /nested too deeply/],
    ['a chain of operators', '-not '.repeat(10_000) + '1', /nested too deeply/],
    ['a line of 200,000 characters', `'${'x'.repeat(200_000)}'`, /takes lines of at most 100,000 characters/],
    ["'x' * 1e12", "'x' * 1e12", /Value was either too large or too small for an Int32/],
    ["'x' * 1e9", "'x' * 1e9", /string of 1,000,000,000 characters/],
    ['@(1) * 1e9', '@(1) * 1e9', /array of 1,000,000,000 items/],
    ['a string doubled past the limit', "$s = 'x' * 4mb; $s = $s + $s", /at most 4,194,304 characters/],
    ['an array doubled past the limit', '$a = @(1) * 1e6; $a = $a + $a', /at most 1,000,000 items/],
    ['an expandable string past the limit', `$s = 'x' * 4mb; "$s$s"`, /at most 4,194,304 characters/],
    [
      'a pipeline of a million blocks of a million',
      '$a = @(1) * 1e6; $a | ForEach-Object { $a }',
      /more work than/,
    ],
    ['arrays nested by doubling', `$a = 1; ${'$a = $a, $a; '.repeat(60)}$a`, /more work than/],
    ['a million copies of a long string', "$s = 'x' * 4mb; $a = @($s) * 1e6", /more work than/],
    [
      'comparing with a long string a million times',
      "$s = 'x' * 4mb; (@($s) * 1e6) -eq $s",
      /more work than/,
    ],
    ['sorting copies of a long string', "$s = 'x' * 4mb; @($s) * 1000 | Sort-Object", /more work than/],
    ['output too long to show', "$s = 'x' * 4mb; @($s) * 3", /output of this line is longer/],
    ['a range', '1..1e12', /The term '1..1e12' is not recognized/],
    ['a nested repetition in a regex', "('a' * 30 + '!') -match '(a+)+$'", /exponential time/],
    ['an overlapping alternation in a regex', "('a' * 30 + '!') -match '(a|aa)*$'", /exponential time/],
    [
      'a regex that backtracks polynomially',
      "('a' * 100000) -match '.*.*.*b'",
      /could take about 1e\+20 steps on a text of 100,000 characters/,
    ],
    [
      'bounded repetitions that backtrack',
      "('a' * 1000) -match 'a{1,100}a{1,100}a{1,100}b'",
      /could take about/,
    ],
    ['optional characters that backtrack', `('a' * 30) -match ('a?' * 30 + 'a' * 30)`, /could take about/],
    ['a very long regex', "'x' -match ('a' * 5000)", /patterns of at most 1,000 characters/],
    ['Start-Sleep', 'Start-Sleep 1e12', /Value was either too large or too small for an Int32/],
  ])('%s', (_, line, message) => {
    const { lab, session } = newConsole()
    const before = lab.hash()
    const reply = session.run(line)
    expect(reply.error).toMatch(message)
    expect(reply.output.length).toBeLessThan(10_000)
    expect(lab.hash()).toBe(before)
    expect(session.run('1 + 1').output).toBe('2')
  })
})

describe('a reply is never larger than a host may send', () => {
  it('cuts an error record that quotes a long value', () => {
    const { session } = newConsole()
    const reply = session.run("[int]('x' * 4mb)")
    expect(reply.error).toMatch(/^Cannot convert value "xxx/)
    expect(reply.output.length).toBeLessThan(1024 * 1024 + 200)
    expect(reply.error!.length).toBeLessThan(1024 * 1024 + 200)
    expect(reply.output).toMatch(
      /the rest is not shown: HCI Lab's console shows at most 1,048,576 characters/,
    )
  })
})

describe('lines that look costly but are not are answered', () => {
  it.each([
    ['a wildcard with many stars on a long text', "('a' * 100000) -like ('*a' * 30 + '*b')", 'False'],
    ['a wildcard that matches', "('a' * 100000 + 'b') -like ('*a' * 30 + '*b')", 'True'],
    ['arrays nested a little', '$a = 1, 2; $a = $a, $a; "$a"', 'System.Object[] System.Object[]'],
    ['a regex with alternatives', "'foo bar' -match '^(foo|bar) (foo|bar)$'", 'True'],
    ['a regex with bounded repetitions', "'10.0.0.1' -match '^(\\d{1,3}\\.){3}\\d{1,3}$'", 'True'],
    ['nesting within the limit', nest('(', '1', ')', 100), '1'],
  ])('%s', (_, line, expected) => {
    const { session } = newConsole()
    const reply = session.run(line)
    expect(reply.error).toBeUndefined()
    expect(reply.output).toBe(expected)
  })
})
