// PowerShell's wildcards (-like, -Name filters): '*' any run of characters, '?' one character,
// [abc] or [a-z] one of a set, a backtick escapes the next character. Matched in O(text × pattern)
// steps, never by a backtracking regular expression: '*a*a*a*a*b' against a long text would
// take exponential time there.

type Token = { kind: 'star' } | { kind: 'one'; matches(c: string): boolean }

export interface WildcardPattern {
  test(text: string): boolean
}

export function hasWildcard(text: string): boolean {
  return /[*?[]/.test(text)
}

export function wildcardPattern(pattern: string, caseSensitive = false): WildcardPattern {
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase())
  const tokens = tokenize(fold(pattern))
  return { test: (text) => matches(tokens, fold(text)) }
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    const end = c === '[' ? pattern.indexOf(']', i + 1) : -1
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' })
    } else if (c === '?') tokens.push({ kind: 'one', matches: () => true })
    else if (end > i) {
      tokens.push(charSet(pattern.slice(i + 1, end)))
      i = end
    } else {
      const literal = c === '`' && i + 1 < pattern.length ? pattern[++i]! : c
      tokens.push({ kind: 'one', matches: (x) => x === literal })
    }
  }
  return tokens
}

/** The inside of [...]: characters and ranges such as a-z. */
function charSet(inside: string): Token {
  const ranges: [string, string][] = []
  for (let i = 0; i < inside.length; i++) {
    const from = inside[i]!
    if (inside[i + 1] === '-' && i + 2 < inside.length) {
      ranges.push([from, inside[i + 2]!])
      i += 2
    } else ranges.push([from, from])
  }
  return { kind: 'one', matches: (x) => ranges.some(([from, to]) => x >= from && x <= to) }
}

/** Greedy matching that, on a mismatch, only retries from the last star: no exponential blow-up. */
function matches(tokens: Token[], text: string): boolean {
  let t = 0
  let p = 0
  let star = -1
  let starAt = 0
  while (t < text.length) {
    const token = tokens[p]
    if (token?.kind === 'one' && token.matches(text[t]!)) {
      p++
      t++
    } else if (token?.kind === 'star') {
      star = p++
      starAt = t
    } else if (star >= 0) {
      p = star + 1
      t = ++starAt
    } else return false
  }
  while (tokens[p]?.kind === 'star') p++
  return p === tokens.length
}
