import type { CommandInput } from '@shared/commands'
import type { LabError, Result } from '@shared/errors'
import type { LabState } from '../core/state'
import { bind } from './binder'
import { commandNotFound, PsError } from './errors'
import { callMethod, callStatic, cast, index } from './members'
import { arithmetic, compare, isComparison } from './operators'
import { readHomeFile } from './home'
import { checkStringLength } from './limits'
import { WorkBudget } from './work-budget'
import type { Answers } from './prompts'
import { ShouldProcess } from './should-process'
import type { BoundArgs, CmdletContext, CmdletDef, NativeContext, ParamDef, Registry } from './registry'
import type { ArgElement, CommandAst, Expr, ParamElement, Pipeline, Statement } from './syntax/ast'
import {
  collapse,
  enumerate,
  getMember,
  isTrue,
  PsHashtable,
  ScriptBlock,
  toText,
  type PsValue,
} from './values'

// Runs parsed statements: evaluates expressions, binds and invokes commands, passes each command's
// output to the next one. Variables live as long as the session.

export interface RuntimeHost {
  state(): Readonly<LabState>
  dispatch(command: CommandInput): Result<unknown>
  readFile?(path: string): string | null
}

type Resolved = NonNullable<ReturnType<Registry['resolve']>>
/** One bound command of a pipeline: takes the previous stage's output, returns its own. */
type Stage = (input: PsValue[]) => PsValue[]

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
  /** The work of the line being run: the session starts a new count for each line. */
  readonly budget = new WorkBudget()
  /** Non-terminating errors of the statement being run. */
  pending: Error[] = []
  /** What the statement wrote to the host (Write-Host, What if:, VERBOSE:), printed before its output. */
  hostLines: string[] = []
  /** The last host line was written with -NoNewline: the next text goes on it. */
  hostLineOpen = false
  /** Engine commands the statement being run has applied (a question after one cannot re-run it). */
  changes = 0
  /** Modules loaded so far: a module loads when one of its commands is first used, as in 5.1. */
  readonly importedModules = new Set<string>()
  /** The answers to the statement's questions (prompts.ts); null when the session cannot ask. */
  answers: Answers | null = null
  /** Set by a cmdlet that started long work the line must wait for (see CmdletContext.waitFor). */
  wait: {
    taskId: string
    cancel: CommandInput | null
    invocationName: string
    then?: () => PsValue[]
  } | null = null

  constructor(
    readonly registry: Registry,
    private readonly host: RuntimeHost,
    /** The window width tables and errors are fitted to; the terminal may resize. */
    public width: number,
  ) {}

  /** Host text; Write-Host -NoNewline leaves the line open for the next text. */
  private writeHost(text: string, newline: boolean): void {
    const lines = this.hostLines
    if (this.hostLineOpen && lines.length > 0) lines[lines.length - 1] += text
    else lines.push(text)
    this.hostLineOpen = !newline
  }

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

  /**
   * PowerShell finds every command of a pipeline and binds its parameters before the first one
   * runs, so a misspelt last stage or a bad parameter anywhere leaves the lab as it was. A pipeline
   * that starts with an expression evaluates it after that, as the first stage's output.
   */
  private runPipeline(pipeline: Pipeline): PsValue[] {
    const resolved = pipeline.elements.map((element) =>
      element.kind === 'expr' ? element : { command: element, target: this.resolve(element) },
    )
    const stages = resolved.map((element, i): Stage => {
      if (!('command' in element)) return () => enumerate(this.evaluate(element.expr))
      return this.bindStage(element.command, element.target, i + 1)
    })
    let values: PsValue[] = []
    for (const stage of stages) {
      values = stage(values)
      this.budget.spendOn(values)
    }
    return values
  }

  private resolve(command: CommandAst): Resolved {
    const resolved = this.registry.resolve(command.name)
    if (!resolved) throw commandNotFound(command.name, command.nameExtent)
    return resolved
  }

  private dispatch(command: CommandInput): unknown {
    const result = this.host.dispatch(command)
    if (!result.ok) throw labErrorToPs(result.error)
    this.changes++
    return result.data
  }

  /** Evaluates and binds the command's arguments now; the returned stage runs it on its input. */
  private bindStage(command: CommandAst, resolved: Resolved, position: number): Stage {
    if (resolved.kind === 'native') {
      const ctx: NativeContext = {
        state: () => this.host.state(),
        dispatch: (c) => this.dispatch(c),
        width: this.width,
        // The prompt's folder first (the sample manifests), then the host's disk when it has one.
        readFile: (path) => readHomeFile(path) ?? this.host.readFile?.(path) ?? null,
      }
      const args = command.elements.map((el) => this.nativeArg(el))
      return (input) => resolved.def.run(ctx, args, input)
    }
    const def = resolved.def
    // Core is a snap-in, always there; Clear-Host is a function of no module.
    if (def.module !== '' && def.module !== 'Microsoft.PowerShell.Core') this.importedModules.add(def.module)
    let args: BoundArgs = {}
    const asking = new ShouldProcess(
      def,
      () => args,
      (line) => this.hostLines.push(line),
      () => this.answers,
      () => toText(this.variable('VerbosePreference')).toLowerCase() === 'continue',
    )
    const ctx: CmdletContext = {
      state: () => this.host.state(),
      dispatch: (c) => this.dispatch(c),
      invoke: (block, item) => this.invokeBlock(block, item),
      writeError: (e) => this.pending.push(complete(e, command, def)),
      registry: this.registry,
      width: this.width,
      invocationName: command.name,
      waitFor: (taskId, cancel, then) => {
        this.wait = { taskId, cancel, invocationName: command.name, ...(then ? { then } : {}) }
      },
      writeHost: (text, newline = true) => this.writeHost(text, newline),
      importedModules: this.importedModules,
      writeVerbose: (text) => asking.verbose(text),
      shouldProcess: (target, operation) => asking.ask(target, operation),
    }
    const answers = this.answers
    const prompt = answers
      ? { ask: (missing: ParamDef[]) => answers.missing(def.name, position, missing), extent: command.extent }
      : undefined
    args = withRecord(command, def, () => {
      const bound = bind(def, command.elements, (e) => this.evaluate(e), prompt, position > 1)
      def.checkParameterSets?.(bound)
      return bound
    })
    return (input) => withRecord(command, def, () => def.invoke(ctx, args, input))
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
      const out = block.body.flatMap((s) => this.execute(s))
      this.budget.spendOn(out)
      return out
    } finally {
      this.dollarUnder.pop()
    }
  }

  evaluate(e: Expr): PsValue {
    this.budget.spend(1)
    switch (e.kind) {
      case 'const':
        return e.value
      case 'expandable': {
        const parts = this.handled(...e.parts.map((p) => (typeof p === 'string' ? p : this.evaluate(p)))).map(
          toText,
        )
        checkStringLength(parts.reduce((length, part) => length + part.length, 0))
        return parts.join('')
      }
      case 'var':
        return this.variable(e.name)
      case 'member':
        return getMember(this.handled(this.evaluate(e.target))[0], e.name)
      case 'method':
        return at(e, () => {
          const [target, ...args] = this.handled(...[e.target, ...e.args].map((a) => this.evaluate(a)))
          return callMethod(target ?? null, e.name, args)
        })
      case 'index': {
        const [target, i] = this.handled(this.evaluate(e.target), this.evaluate(e.index))
        return index(target, i)
      }
      case 'array':
        return e.items.map((i) => this.evaluate(i))
      case 'unary': {
        const [v] = this.handled(this.evaluate(e.operand))
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
        return at(e, () => cast(e.type, this.handled(this.evaluate(e.operand))[0]))
      case 'static':
        return at(e, () => callStatic(e.type, e.name, this.handled(...e.args.map((a) => this.evaluate(a)))))
      case 'hash': {
        const table = new PsHashtable()
        for (const entry of e.entries) table.set(entry.key, this.evaluate(entry.value))
        return table
      }
    }
  }

  /** Values an operator, method or cast is about to work on: their size is charged to the line. */
  private handled<T extends PsValue[]>(...values: T): T {
    this.budget.spendOn(values)
    return values
  }

  private binary(op: string, left: Expr, right: Expr): PsValue {
    if (op === 'and') return isTrue(this.evaluate(left)) && isTrue(this.evaluate(right))
    if (op === 'or') return isTrue(this.evaluate(left)) || isTrue(this.evaluate(right))
    if (op === 'xor') return isTrue(this.evaluate(left)) !== isTrue(this.evaluate(right))
    const [l, r] = this.handled(this.evaluate(left), this.evaluate(right))
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

/** Runs a cmdlet's binding or body; its error record names the command. */
function withRecord<T>(command: CommandAst, def: CmdletDef, run: () => T): T {
  try {
    return run()
  } catch (e) {
    throw complete(e, command, def)
  }
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
