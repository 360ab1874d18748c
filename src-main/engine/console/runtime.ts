import type { CommandInput } from '@shared/commands'
import type { LabError, Result } from '@shared/errors'
import type { LabState } from '../core/state'
import { bind } from './binder'
import { commandNotFound, PsError } from './errors'
import { arithmetic, compare, isComparison, runtimeError, toNumber } from './operators'
import type { CmdletContext, CmdletDef, NativeContext, Registry } from './registry'
import type { ArgElement, CommandAst, Expr, ParamElement, Pipeline, Statement } from './syntax/ast'
import {
  collapse,
  enumerate,
  getMember,
  isTrue,
  PsHashtable,
  ScriptBlock,
  toText,
  typeNameOf,
  type PsValue,
} from './values'

// Runs parsed statements: evaluates expressions, binds and invokes commands, passes each command's
// output to the next one. Variables live as long as the session.

export interface RuntimeHost {
  state(): Readonly<LabState>
  dispatch(command: CommandInput): Result<unknown>
}

export function labErrorToPs(error: LabError): PsError {
  return new PsError({
    message: error.message,
    category: error.category,
    reason: 'CimException',
    errorId: error.code,
    ...(error.target === undefined ? {} : { target: { name: error.target, type: 'String' } }),
  })
}

export class Runtime {
  private readonly vars = new Map<string, PsValue>()
  private readonly dollarUnder: PsValue[] = []
  /** Non-terminating errors of the statement being run. */
  pending: Error[] = []

  constructor(
    readonly registry: Registry,
    private readonly host: RuntimeHost,
    readonly width: number,
  ) {}

  variableNames(): string[] {
    return [...this.vars.keys()]
  }

  execute(statement: Statement): PsValue[] {
    if (statement.kind === 'assign') {
      this.vars.set(statement.name.toLowerCase(), collapse(this.runPipeline(statement.value)))
      return []
    }
    return this.runPipeline(statement.pipeline)
  }

  private runPipeline(pipeline: Pipeline): PsValue[] {
    let values: PsValue[] = []
    for (const element of pipeline.elements) {
      values =
        element.kind === 'expr' ? enumerate(this.evaluate(element.expr)) : this.invokeCommand(element, values)
    }
    return values
  }

  private dispatch(command: CommandInput): unknown {
    const result = this.host.dispatch(command)
    if (!result.ok) throw labErrorToPs(result.error)
    return result.data
  }

  private invokeCommand(command: CommandAst, input: PsValue[]): PsValue[] {
    const resolved = this.registry.resolve(command.name)
    if (!resolved) throw commandNotFound(command.name, command.nameExtent)
    if (resolved.kind === 'native') {
      const ctx: NativeContext = {
        state: () => this.host.state(),
        dispatch: (c) => this.dispatch(c),
        width: this.width,
      }
      return resolved.def.run(
        ctx,
        command.elements.map((el) => this.nativeArg(el)),
        input,
      )
    }
    const def = resolved.def
    const ctx: CmdletContext = {
      state: () => this.host.state(),
      dispatch: (c) => this.dispatch(c),
      invoke: (block, item) => this.invokeBlock(block, item),
      writeError: (e) => this.pending.push(complete(e, command, def)),
      registry: this.registry,
      width: this.width,
      invocationName: command.name,
    }
    try {
      return def.invoke(
        ctx,
        bind(def, command.elements, (e) => this.evaluate(e)),
        input,
      )
    } catch (e) {
      throw complete(e, command, def)
    }
  }

  /** A native command gets its words as typed; quoted words lose their quotes, variables expand. */
  private nativeArg(el: ParamElement | ArgElement): string {
    if (el.kind === 'param') return el.text
    const e = el.expr
    if (e.kind === 'const') return typeof e.value === 'string' ? e.value : el.text
    if (e.kind === 'array' && e.items.every((i) => i.kind === 'const')) return el.text
    return enumerate(this.evaluate(e)).map(toText).join(',')
  }

  invokeBlock(block: ScriptBlock, item: PsValue): PsValue[] {
    this.dollarUnder.push(item)
    try {
      return block.body.flatMap((s) => this.execute(s))
    } finally {
      this.dollarUnder.pop()
    }
  }

  evaluate(e: Expr): PsValue {
    switch (e.kind) {
      case 'const':
        return e.value
      case 'expandable':
        return e.parts.map((p) => (typeof p === 'string' ? p : toText(this.evaluate(p)))).join('')
      case 'var':
        return this.variable(e.name)
      case 'member':
        return getMember(this.evaluate(e.target), e.name)
      case 'method':
        return at(e, () =>
          callMethod(
            this.evaluate(e.target),
            e.name,
            e.args.map((a) => this.evaluate(a)),
          ),
        )
      case 'index':
        return index(this.evaluate(e.target), this.evaluate(e.index))
      case 'array':
        return e.items.map((i) => this.evaluate(i))
      case 'unary': {
        const v = this.evaluate(e.operand)
        return e.op === '-not' ? !isTrue(v) : arithmetic('-', 0, v)
      }
      case 'binary':
        return at(e, () => this.binary(e.op, e.left, e.right))
      case 'sub': {
        const out = e.body.flatMap((s) => this.execute(s))
        return e.array ? out : collapse(out)
      }
      case 'script':
        return new ScriptBlock(e.text, e.body)
      case 'cast':
        return at(e, () => cast(e.type, this.evaluate(e.operand)))
      case 'static':
        return at(e, () =>
          callStatic(
            e.type,
            e.name,
            e.args.map((a) => this.evaluate(a)),
          ),
        )
      case 'hash': {
        const table = new PsHashtable()
        for (const entry of e.entries) table.set(entry.key, this.evaluate(entry.value))
        return table
      }
    }
  }

  private binary(op: string, left: Expr, right: Expr): PsValue {
    if (op === 'and') return isTrue(this.evaluate(left)) && isTrue(this.evaluate(right))
    if (op === 'or') return isTrue(this.evaluate(left)) || isTrue(this.evaluate(right))
    if (op === 'xor') return isTrue(this.evaluate(left)) !== isTrue(this.evaluate(right))
    const l = this.evaluate(left)
    const r = this.evaluate(right)
    return isComparison(op) ? compare(op, l, r) : arithmetic(op, l, r)
  }

  private variable(name: string): PsValue {
    const lower = name.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
    if (lower === 'null') return null
    if (lower === '_' || lower === 'psitem') return this.dollarUnder[this.dollarUnder.length - 1] ?? null
    if (lower === '?') return true
    return this.vars.get(lower) ?? null
  }
}

/** Fills in what only the runtime knows: the command as typed, its extent and error-id suffix. */
function complete<T>(e: T, command: CommandAst, def: CmdletDef): T {
  if (!(e instanceof PsError)) return e
  const r = e.record
  r.invocationName ??= command.name
  r.activity ??= def.name
  r.fqidSuffix ??= def.implementingType ?? def.name
  r.extent ??= command.extent
  return e
}

/** Gives an expression's runtime error the expression's extent. */
function at(e: Expr, run: () => PsValue): PsValue {
  try {
    return run()
  } catch (error) {
    if (error instanceof PsError) error.record.extent ??= e.extent
    throw error
  }
}

function index(target: PsValue, i: PsValue): PsValue {
  if (target instanceof PsHashtable) return target.get(toText(i)) ?? null
  const items = typeof target === 'string' ? [...target] : Array.isArray(target) ? target : [target]
  const n = typeof i === 'number' ? Math.trunc(i) : Number(toText(i))
  const at = n < 0 ? items.length + n : n
  return Number.isInteger(at) && at >= 0 && at < items.length ? items[at]! : null
}

function callMethod(target: PsValue, name: string, args: PsValue[]): PsValue {
  const lower = name.toLowerCase()
  if (lower === 'tostring') return toText(target)
  if (typeof target === 'string') {
    if (lower === 'toupper') return target.toUpperCase()
    if (lower === 'tolower') return target.toLowerCase()
    if (lower === 'trim') return target.trim()
    if (lower === 'contains') return target.includes(toText(args[0] ?? null))
    if (lower === 'startswith') return target.startsWith(toText(args[0] ?? null))
  }
  throw runtimeError(
    `Method invocation failed because [${typeNameOf(target)}] does not contain a method named '${name}'.`,
    'MethodNotFound',
    'InvalidOperation',
  )
}

/** .NET's default rounding: halves go to the even neighbour. */
function roundHalfEven(x: number, digits = 0): number {
  const f = 10 ** digits
  const y = x * f
  const r = Math.abs(y % 1) === 0.5 ? 2 * Math.round(y / 2) : Math.round(y)
  return r / f
}

function numberFor(type: string, v: PsValue): number {
  const n = toNumber(v)
  if (Number.isNaN(n))
    throw runtimeError(
      `Cannot convert value "${toText(v)}" to type "${type}". Error: "Input string was not in a correct format."`,
      'InvalidCastFromStringToInteger',
      'InvalidArgument',
    )
  return n
}

const INTEGER_TYPES = new Set(['int', 'int32', 'long', 'int64', 'uint32', 'uint64', 'uint16', 'byte'])

function cast(type: string, v: PsValue): PsValue {
  const t = type.toLowerCase().replace(/^system\./, '')
  if (INTEGER_TYPES.has(t)) return roundHalfEven(numberFor(`System.${type}`, v))
  if (t === 'double' || t === 'decimal' || t === 'float' || t === 'single')
    return numberFor(`System.${type}`, v)
  if (t === 'string') return toText(v)
  if (t === 'bool' || t === 'boolean') return isTrue(v)
  if (t === 'array' || t === 'object[]') return enumerate(v)
  if (t === 'pscustomobject' || t === 'psobject' || t === 'object') return v
  throw runtimeError(`Unable to find type [${type}].`, 'TypeNotFound', 'InvalidOperation')
}

function callStatic(type: string, name: string, args: PsValue[]): PsValue {
  const t = type.toLowerCase().replace(/^system\./, '')
  const n = (i: number) => numberFor('System.Double', args[i] ?? null)
  if (t === 'math') {
    switch (name.toLowerCase()) {
      case 'round':
        return roundHalfEven(n(0), args.length > 1 ? n(1) : 0)
      case 'floor':
        return Math.floor(n(0))
      case 'ceiling':
        return Math.ceil(n(0))
      case 'abs':
        return Math.abs(n(0))
      case 'max':
        return Math.max(n(0), n(1))
      case 'min':
        return Math.min(n(0), n(1))
      case 'pow':
        return n(0) ** n(1)
      case 'sqrt':
        return Math.sqrt(n(0))
    }
    throw runtimeError(
      `Method invocation failed because [System.Math] does not contain a method named '${name}'.`,
      'MethodNotFound',
      'InvalidOperation',
    )
  }
  throw runtimeError(`Unable to find type [${type}].`, 'TypeNotFound', 'InvalidOperation')
}
