import { parseError } from '../errors'
import { MAX_PARSE_DEPTH } from '../limits'
import type { ArgElement, CommandAst, Expr, ExprElement, ParamElement, Pipeline, Statement } from './ast'
import { parseExpression, parsePostfix, parsePrimary } from './expressions'
import { missingCurly, missingParen, parseNumber, Scanner } from './scanner'

// Recursive-descent parser for the subset of PowerShell the console runs. Like PowerShell it has
// two modes: a statement that starts with a word is a command whose arguments are read in argument
// mode (bare words are strings, "1.5TB" a number, "-Name" a parameter); anything else is an
// expression. Errors carry the extent of the offending token.

export class Parser extends Scanner {
  /** How many brackets and operators the parse is inside (see nested). */
  private depth = 0

  parseScript(): Statement[] {
    return this.parseStatements(null, 0)
  }

  /**
   * Parses something that may contain itself. A line nested thousands deep would overflow the stack
   * of the host; PowerShell has no such limit, so the console's own error says what it refused.
   */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_PARSE_DEPTH)
      throw parseError(
        "The line is nested too deeply for HCI Lab's console: it has more than " +
          `${MAX_PARSE_DEPTH} parentheses, braces, brackets and operators inside one another.`,
        'NestedTooDeeply',
        this.extent(this.pos, this.pos + 1),
      )
    this.depth++
    try {
      return parse()
    } finally {
      this.depth--
    }
  }

  /** Statements until EOF (close null) or the closing bracket, which is consumed. */
  parseStatements(close: ')' | '}' | null, openAt: number): Statement[] {
    if (close === null) return this.statementsUntil(close, openAt)
    return this.nested(() => this.statementsUntil(close, openAt))
  }

  private statementsUntil(close: ')' | '}' | null, openAt: number): Statement[] {
    const statements: Statement[] = []
    for (;;) {
      this.skipSpacesAndNewlines()
      while (this.ch() === ';') {
        this.pos++
        this.skipSpacesAndNewlines()
      }
      const c = this.ch()
      if (c === '') {
        if (close === '}') throw missingCurly(openAt)
        if (close === ')') throw missingParen(this.src.trimEnd().length)
        return statements
      }
      if (c === close) {
        this.pos++
        return statements
      }
      if (c === ')' || c === '}') throw this.unexpected()
      statements.push(this.parseStatement())
      this.skipSpaces()
      const next = this.ch()
      if (next !== '' && next !== ';' && next !== '\n' && next !== close) {
        if (close === ')' && next === '}') throw missingParen(this.pos)
        throw this.unexpected()
      }
    }
  }

  unexpected() {
    const token = this.tokenAt()
    return parseError(
      `Unexpected token '${token}' in expression or statement.`,
      'UnexpectedToken',
      this.extent(this.pos, this.pos + Math.max(token.length, 1)),
    )
  }

  private parseStatement(): Statement {
    const start = this.pos
    const assign = /^\$([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)/.exec(this.src.slice(this.pos))
    if (assign) {
      this.pos += assign[0].length
      this.skipSpaces()
      if (this.atStatementEnd())
        throw parseError(
          "You must provide a value expression following the '=' operator.",
          'ExpectedValueExpression',
          this.extent(this.pos, this.pos + 1),
        )
      const value = this.parsePipeline()
      return { kind: 'assign', name: assign[1]!, value, extent: this.extent(start) }
    }
    const pipeline = this.parsePipeline()
    return { kind: 'pipeline', pipeline, extent: pipeline.extent }
  }

  atStatementEnd(): boolean {
    const c = this.ch()
    return c === '' || c === ';' || c === '\n' || c === ')' || c === '}'
  }

  private parsePipeline(): Pipeline {
    const start = this.pos
    const elements: (CommandAst | ExprElement)[] = [this.parseElement(true)]
    for (;;) {
      this.skipSpaces()
      if (this.ch() !== '|') break
      const pipeAt = this.pos
      this.pos++
      this.skipSpacesAndNewlines()
      if (this.atStatementEnd() || this.ch() === '|')
        throw parseError(
          'An empty pipe element is not allowed.',
          'EmptyPipeElement',
          this.extent(pipeAt, pipeAt + 1),
        )
      elements.push(this.parseElement(false))
    }
    return { elements, extent: this.extent(start) }
  }

  private parseElement(first: boolean): CommandAst | ExprElement {
    const start = this.pos
    if (this.isExpressionStart()) {
      const expr = parseExpression(this)
      if (!first)
        throw parseError(
          'Expressions are only allowed as the first element of a pipeline.',
          'ExpressionsMustBeFirstInPipeline',
          expr.extent,
        )
      return { kind: 'expr', expr, extent: this.extent(start) }
    }
    return this.parseCommand()
  }

  private isExpressionStart(): boolean {
    const c = this.ch()
    if ('$(@\'"[!,{'.includes(c)) return true
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(this.ch(1))))
      return parseNumber(/^[0-9.][0-9A-Za-z.]*/.exec(this.src.slice(this.pos))![0]) !== null
    return c === '-' || c === '+'
  }

  private parseCommand(): CommandAst {
    const start = this.pos
    const name = this.readWord()
    if (name.value === '') throw this.unexpected()
    const elements: (ParamElement | ArgElement)[] = []
    for (;;) {
      this.skipSpaces()
      if (this.atStatementEnd() || this.ch() === '|') break
      if (this.ch() === '-' && /[A-Za-z_?-]/.test(this.ch(1))) elements.push(this.parseParameter())
      else elements.push(this.parseArgument())
    }
    return {
      kind: 'command',
      name: name.value,
      nameExtent: this.extent(start, start + name.text.length),
      elements,
      extent: this.extent(start),
    }
  }

  private parseParameter(): ParamElement {
    const start = this.pos
    this.pos++
    while (!this.isWordEnd(this.ch()) && this.ch() !== ':') this.pos++
    const text = this.src.slice(start, this.pos)
    const extent = this.extent(start)
    if (this.ch() !== ':') return { kind: 'param', name: text.slice(1), text, extent }
    this.pos++
    this.skipSpaces()
    if (this.atStatementEnd() || this.ch() === '|')
      return { kind: 'param', name: text.slice(1), text: this.src.slice(start, this.pos), extent }
    const arg = this.parseArgument()
    return {
      kind: 'param',
      name: text.slice(1),
      text: this.src.slice(start, this.pos),
      arg: arg.expr,
      extent,
    }
  }

  /** One argument; "a, b, c" is one array argument. */
  parseArgument(): ArgElement {
    const start = this.pos
    const items: Expr[] = [this.parseArgPrimary()]
    for (;;) {
      const save = this.pos
      this.skipSpaces()
      if (this.ch() !== ',') {
        this.pos = save
        break
      }
      this.pos++
      this.skipSpacesAndNewlines()
      if (this.atStatementEnd() || this.ch() === '|' || this.ch() === ',')
        throw parseError(
          'Missing argument in parameter list.',
          'MissingArgument',
          this.extent(this.pos - 1, this.pos),
        )
      items.push(this.parseArgPrimary())
    }
    const extent = this.extent(start)
    const expr: Expr = items.length === 1 ? items[0]! : { kind: 'array', items, extent }
    return { kind: 'arg', expr, text: this.src.slice(start, this.pos), extent }
  }

  private parseArgPrimary(): Expr {
    const c = this.ch()
    if ('$(\'"{'.includes(c) || (c === '@' && '({'.includes(this.ch(1))))
      return parsePostfix(this, parsePrimary(this))
    const start = this.pos
    const word = this.readWord()
    if (word.value === '' && !word.quoted) throw this.unexpected()
    const number = word.quoted ? null : parseNumber(word.value)
    return { kind: 'const', value: number ?? word.value, extent: this.extent(start) }
  }
}

export function parseLine(line: string): Statement[] {
  return new Parser(line).parseScript()
}
