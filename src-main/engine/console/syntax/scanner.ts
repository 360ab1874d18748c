import type { Extent } from './ast'
import { parseError } from '../errors'

// Character-level reading shared by the parser: whitespace and comments, words, numbers.

/** Characters that end an unquoted word in argument mode. */
const WORD_END = new Set([' ', '\t', '\r', '\n', ';', '|', ',', '(', ')', '{', '}', '&'])

const NUMBER =
  /^([-+]?)(?:0x([0-9a-f]+)|(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?))([ld])?(kb|mb|gb|tb|pb)?$/i
const MULTIPLIERS: Record<string, number> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
}

/** A PowerShell number literal ("42", "1.5TB", "0x10", "-3"), or null when the text is not one. */
export function parseNumber(text: string): number | null {
  const m = NUMBER.exec(text)
  if (!m) return null
  const magnitude = m[2] !== undefined ? parseInt(m[2], 16) : Number(m[3])
  const value = magnitude * (m[5] ? MULTIPLIERS[m[5].toLowerCase()]! : 1)
  return m[1] === '-' ? -value : value
}

export function isIdentStart(c: string): boolean {
  return /^[A-Za-z_]$/.test(c)
}

export function isIdentChar(c: string): boolean {
  return /^[A-Za-z0-9_]$/.test(c)
}

export class Scanner {
  pos = 0
  constructor(readonly src: string) {}

  ch(offset = 0): string {
    return this.src[this.pos + offset] ?? ''
  }

  atEnd(): boolean {
    return this.pos >= this.src.length
  }

  extent(start: number, end = this.pos): Extent {
    return { start, end }
  }

  /** Skips blanks, line continuations (backtick + newline) and comments; stops at newlines. */
  skipSpaces(): void {
    for (;;) {
      const c = this.ch()
      if (c === ' ' || c === '\t' || c === '\r') this.pos++
      else if (c === '`' && (this.ch(1) === '\n' || this.ch(1) === '\r')) this.pos += 2
      else if (c === '#') while (!this.atEnd() && this.ch() !== '\n') this.pos++
      else return
    }
  }

  /** Skips blanks and newlines (inside brackets, after a pipe or a comma). */
  skipSpacesAndNewlines(): void {
    for (;;) {
      this.skipSpaces()
      if (this.ch() !== '\n') return
      this.pos++
    }
  }

  isWordEnd(c: string): boolean {
    return c === '' || WORD_END.has(c)
  }

  /** An unquoted argument word; quoted parts inside it are joined in without their quotes. */
  readWord(): { value: string; text: string; quoted: boolean } {
    const start = this.pos
    let value = ''
    let quoted = false
    while (!this.isWordEnd(this.ch())) {
      const c = this.ch()
      if (c === "'" || c === '"') {
        quoted = true
        value += this.readQuotedRaw(c)
      } else if (c === '`' && this.ch(1) !== '') {
        value += this.ch(1)
        this.pos += 2
      } else {
        value += c
        this.pos++
      }
    }
    return { value, text: this.src.slice(start, this.pos), quoted }
  }

  /** A quoted part of a word, taken literally. */
  private readQuotedRaw(quote: string): string {
    const start = this.pos
    this.pos++
    let value = ''
    while (!this.atEnd()) {
      const c = this.ch()
      if (c === quote && this.ch(1) === quote) {
        value += quote
        this.pos += 2
      } else if (c === quote) {
        this.pos++
        return value
      } else {
        value += c
        this.pos++
      }
    }
    throw unterminated(quote, this.src, start)
  }

  /** Text of the token at the cursor, for "Unexpected token 'x'" messages. */
  tokenAt(): string {
    const c = this.ch()
    if (this.isWordEnd(c)) return c
    let end = this.pos
    while (end < this.src.length && !this.isWordEnd(this.src[end]!)) end++
    return this.src.slice(this.pos, end)
  }

  /** A single-quoted string: '' is a quote; nothing is expanded. */
  readSingleQuoted(): string {
    const start = this.pos
    this.pos++
    let value = ''
    while (!this.atEnd()) {
      const c = this.ch()
      if (c === "'" && this.ch(1) === "'") {
        value += "'"
        this.pos += 2
      } else if (c === "'") {
        this.pos++
        return value
      } else {
        value += c
        this.pos++
      }
    }
    throw unterminated("'", this.src, start)
  }

  /** A variable name after '$': $x, $_, ${any name}, $global:x (scope dropped). */
  readVariableName(): string {
    if (this.ch() === '{') {
      const close = this.src.indexOf('}', this.pos)
      if (close === -1)
        throw parseError(
          "Missing closing '}' in statement block or type definition.",
          'MissingEndCurlyBrace',
          this.extent(this.pos, this.pos + 1),
        )
      const name = this.src.slice(this.pos + 1, close)
      this.pos = close + 1
      return name
    }
    let name = ''
    while (isIdentChar(this.ch()) || (this.ch() === ':' && isIdentStart(this.ch(1)) && name !== '')) {
      name += this.ch()
      this.pos++
    }
    if (name === '' && (this.ch() === '?' || this.ch() === '$' || this.ch() === '^')) {
      name = this.ch()
      this.pos++
    }
    return name.replace(/^(global|script|local|private):/i, '')
  }
}

export function unterminated(quote: string, src: string, start: number) {
  const lineEnd = src.indexOf('\n', start)
  return parseError(`The string is missing the terminator: ${quote}.`, 'TerminatorExpectedAtEndOfString', {
    start,
    end: lineEnd === -1 ? src.trimEnd().length : lineEnd,
  })
}

export function missingCurly(openAt: number) {
  return parseError("Missing closing '}' in statement block or type definition.", 'MissingEndCurlyBrace', {
    start: openAt,
    end: openAt + 1,
  })
}

export function missingParen(at: number) {
  return parseError("Missing closing ')' in expression.", 'MissingEndParenthesisInExpression', {
    start: at,
    end: at + 1,
  })
}
