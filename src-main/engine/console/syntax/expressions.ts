import { parseError } from '../errors'
import { isComparison } from '../operators'
import type { Expr } from './ast'
import type { Parser } from './parser'
import { parseExpandable, parseHash, parseTypeExpression } from './literals'
import { isIdentChar, isIdentStart, missingParen, parseNumber } from './scanner'

// Expression mode: operators by precedence (logical < comparison < additive < multiplicative <
// comma < unary < postfix), literals, variables, (sub)expressions, script blocks and hash literals.

const LOGICAL = new Set(['and', 'or', 'xor'])

/** A named operator at the cursor ("-eq"), without consuming it. */
function peekNamedOperator(p: Parser): { name: string; length: number } | null {
  if (p.ch() !== '-' || !/[A-Za-z]/.test(p.ch(1))) return null
  let end = p.pos + 1
  while (/[A-Za-z]/.test(p.src[end] ?? '')) end++
  return { name: p.src.slice(p.pos + 1, end).toLowerCase(), length: end - p.pos }
}

export function parseExpression(p: Parser): Expr {
  let left = parseComparison(p)
  for (;;) {
    p.skipSpaces()
    const op = peekNamedOperator(p)
    if (!op || !LOGICAL.has(op.name)) return left
    left = binary(p, left, op.name, op.length, parseComparison)
  }
}

function parseComparison(p: Parser): Expr {
  let left = parseAdditive(p)
  for (;;) {
    p.skipSpaces()
    const op = peekNamedOperator(p)
    if (!op) return left
    if (LOGICAL.has(op.name)) return left
    if (!isComparison(op.name)) throw p.unexpected()
    left = binary(p, left, op.name, op.length, parseAdditive)
  }
}

function parseAdditive(p: Parser): Expr {
  let left = parseMultiplicative(p)
  for (;;) {
    p.skipSpaces()
    const c = p.ch()
    if (c === '+' || (c === '-' && !/[A-Za-z]/.test(p.ch(1))))
      left = binary(p, left, c, 1, parseMultiplicative)
    else return left
  }
}

function parseMultiplicative(p: Parser): Expr {
  let left = parseComma(p)
  for (;;) {
    p.skipSpaces()
    const c = p.ch()
    if (c === '*' || c === '/' || c === '%') left = binary(p, left, c, 1, parseComma)
    else return left
  }
}

function binary(p: Parser, left: Expr, op: string, length: number, next: (p: Parser) => Expr): Expr {
  const opStart = p.pos
  p.pos += length
  p.skipSpacesAndNewlines()
  if (p.atStatementEnd() || p.ch() === '|')
    throw parseError(
      `You must provide a value expression following the '${p.src.slice(opStart, opStart + length)}' operator.`,
      'ExpectedValueExpression',
      p.extent(p.pos, p.pos + 1),
    )
  const right = next(p)
  return { kind: 'binary', op, left, right, extent: p.extent(left.extent.start) }
}

/** Inside method-call parentheses a comma separates arguments instead of building an array. */
let commaSeparatesArguments = false

export function parseMethodArgument(p: Parser): Expr {
  const saved = commaSeparatesArguments
  commaSeparatesArguments = true
  try {
    return p.nested(() => parseExpression(p))
  } finally {
    commaSeparatesArguments = saved
  }
}

function parseComma(p: Parser): Expr {
  const first = parseUnary(p)
  if (commaSeparatesArguments) return first
  const items = [first]
  for (;;) {
    const save = p.pos
    p.skipSpaces()
    if (p.ch() !== ',') {
      p.pos = save
      break
    }
    p.pos++
    p.skipSpacesAndNewlines()
    if (p.atStatementEnd() || p.ch() === '|')
      throw parseError("Missing expression after ','.", 'MissingExpression', p.extent(p.pos - 1, p.pos))
    items.push(parseUnary(p))
  }
  return items.length === 1 ? first : { kind: 'array', items, extent: p.extent(first.extent.start) }
}

export function parseUnary(p: Parser): Expr {
  const start = p.pos
  const op = peekNamedOperator(p)
  if (op?.name === 'not' || p.ch() === '!' || (p.ch() === '-' && !/[0-9.]/.test(p.ch(1)) && !op)) {
    const name = op?.name === 'not' ? '-not' : p.ch() === '!' ? '-not' : '-'
    p.pos += op?.name === 'not' ? op.length : 1
    p.skipSpaces()
    if (p.atStatementEnd())
      throw parseError(
        `Missing expression after unary operator '${p.src.slice(start, p.pos).trim()}'.`,
        'MissingExpressionAfterOperator',
        p.extent(start, p.pos),
      )
    const operand = p.nested(() => parseUnary(p))
    return { kind: 'unary', op: name, operand, extent: p.extent(start) }
  }
  if (op) throw p.unexpected()
  if (p.ch() === '[') return parseTypeExpression(p)
  return parsePostfix(p, parsePrimary(p))
}

/** Member access, method calls and indexing, written right after the value (no blank). */
export function parsePostfix(p: Parser, target: Expr): Expr {
  for (;;) {
    if (p.ch() === '.' && isIdentStart(p.ch(1))) {
      p.pos++
      let name = ''
      while (isIdentChar(p.ch())) name += p.src[p.pos++]
      if (p.ch() === '(') {
        p.pos++
        const args: Expr[] = []
        p.skipSpacesAndNewlines()
        while (p.ch() !== ')') {
          if (p.atEnd()) throw missingParen(p.pos)
          args.push(parseMethodArgument(p))
          p.skipSpacesAndNewlines()
          if (p.ch() === ',') p.pos++
          p.skipSpacesAndNewlines()
        }
        p.pos++
        target = { kind: 'method', target, name, args, extent: p.extent(target.extent.start) }
      } else {
        target = { kind: 'member', target, name, extent: p.extent(target.extent.start) }
      }
    } else if (p.ch() === '[') {
      p.pos++
      p.skipSpaces()
      const index = p.nested(() => parseExpression(p))
      p.skipSpaces()
      if (p.ch() !== ']')
        throw parseError(
          'Array index expression is missing or not valid.',
          'MissingArrayIndexExpression',
          p.extent(p.pos, p.pos + 1),
        )
      p.pos++
      target = { kind: 'index', target, index, extent: p.extent(target.extent.start) }
    } else {
      return target
    }
  }
}

export function parsePrimary(p: Parser): Expr {
  const saved = commaSeparatesArguments
  commaSeparatesArguments = false
  try {
    return primary(p)
  } finally {
    commaSeparatesArguments = saved
  }
}

function primary(p: Parser): Expr {
  const start = p.pos
  const c = p.ch()
  if (c === "'") return { kind: 'const', value: p.readSingleQuoted(), extent: p.extent(start) }
  if (c === '"') return parseExpandable(p)
  if (c === '$' && p.ch(1) === '(') {
    p.pos += 2
    return { kind: 'sub', body: p.parseStatements(')', start), array: false, extent: p.extent(start) }
  }
  if (c === '$') {
    p.pos++
    const name = p.readVariableName()
    if (name === '')
      throw parseError(
        'Variable reference is not valid.',
        'InvalidVariableReference',
        p.extent(start, start + 1),
      )
    return { kind: 'var', name, extent: p.extent(start) }
  }
  if (c === '(') {
    p.pos++
    return { kind: 'sub', body: p.parseStatements(')', start), array: false, extent: p.extent(start) }
  }
  if (c === '@' && p.ch(1) === '(') {
    p.pos += 2
    return { kind: 'sub', body: p.parseStatements(')', start), array: true, extent: p.extent(start) }
  }
  if (c === '@' && p.ch(1) === '{') return parseHash(p)
  if (c === '{') {
    p.pos++
    const body = p.parseStatements('}', start)
    return { kind: 'script', text: p.src.slice(start + 1, p.pos - 1), body, extent: p.extent(start) }
  }
  let end = p.pos
  if (c === '-' || c === '+') end++
  while (/[A-Za-z0-9._]/.test(p.src[end] ?? '')) end++
  const value = parseNumber(p.src.slice(p.pos, end))
  if (value === null) throw p.unexpected()
  p.pos = end
  return { kind: 'const', value, extent: p.extent(start) }
}
