import { parseError } from '../errors'
import type { Expr } from './ast'
import { parseExpression, parseMethodArgument, parsePrimary, parseUnary } from './expressions'
import type { Parser } from './parser'
import { isIdentChar, isIdentStart, missingParen, unterminated } from './scanner'

// Literals with an inner structure: "expandable $strings", @{ hash = literals }, [type] casts and
// [math]::Calls(…).

/** [int]$x casts and [math]::Round(…) static calls. */
export function parseTypeExpression(p: Parser): Expr {
  const start = p.pos
  const close = p.src.indexOf(']', start)
  const type = close === -1 ? '' : p.src.slice(start + 1, close).trim()
  if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(type)) throw p.unexpected()
  p.pos = close + 1
  if (p.ch() === ':' && p.ch(1) === ':') {
    p.pos += 2
    let name = ''
    while (isIdentChar(p.ch())) name += p.src[p.pos++]
    const args: Expr[] = []
    if (p.ch() === '(') {
      p.pos++
      p.skipSpacesAndNewlines()
      while (p.ch() !== ')') {
        if (p.atEnd()) throw missingParen(p.pos)
        args.push(parseMethodArgument(p))
        p.skipSpacesAndNewlines()
        if (p.ch() === ',') p.pos++
        p.skipSpacesAndNewlines()
      }
      p.pos++
    }
    return { kind: 'static', type, name, args, extent: p.extent(start) }
  }
  p.skipSpaces()
  const operand = p.nested(() => parseUnary(p))
  return { kind: 'cast', type, operand, extent: p.extent(start) }
}

export function parseHash(p: Parser): Expr {
  const start = p.pos
  p.pos += 2
  const entries: { key: string; value: Expr }[] = []
  for (;;) {
    p.skipSpacesAndNewlines()
    while (p.ch() === ';') {
      p.pos++
      p.skipSpacesAndNewlines()
    }
    if (p.ch() === '}') {
      p.pos++
      return { kind: 'hash', entries, extent: p.extent(start) }
    }
    if (p.atEnd())
      throw parseError(
        'The hash literal was incomplete.',
        'IncompleteHashLiteral',
        p.extent(start, start + 2),
      )
    let key: string
    if (p.ch() === "'") key = p.readSingleQuoted()
    else {
      key = ''
      while (/[A-Za-z0-9_-]/.test(p.ch())) key += p.src[p.pos++]
    }
    p.skipSpaces()
    if (key === '' || p.ch() !== '=')
      throw parseError(
        "Missing '=' operator after key in hash literal.",
        'MissingEqualsInHashLiteral',
        p.extent(p.pos, p.pos + 1),
      )
    p.pos++
    p.skipSpaces()
    entries.push({ key, value: p.nested(() => parseExpression(p)) })
  }
}

/** "text $var $(expr) `n": the parts to join at run time. */
export function parseExpandable(p: Parser): Expr {
  const start = p.pos
  p.pos++
  const parts: (string | Expr)[] = []
  let text = ''
  const escapes: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '0': '\0',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
  }
  for (;;) {
    if (p.atEnd()) throw unterminated('"', p.src, start)
    const c = p.ch()
    if (c === '"' && p.ch(1) === '"') {
      text += '"'
      p.pos += 2
    } else if (c === '"') {
      p.pos++
      break
    } else if (c === '`' && p.ch(1) !== '') {
      text += escapes[p.ch(1)] ?? p.ch(1)
      p.pos += 2
    } else if (c === '$' && (p.ch(1) === '(' || isIdentStart(p.ch(1)) || p.ch(1) === '{')) {
      if (text) parts.push(text)
      text = ''
      parts.push(parsePrimary(p))
    } else {
      text += c
      p.pos++
    }
  }
  if (text || parts.length === 0) parts.push(text)
  if (parts.length === 1 && typeof parts[0] === 'string')
    return { kind: 'const', value: parts[0], extent: p.extent(start) }
  return { kind: 'expandable', parts, extent: p.extent(start) }
}
