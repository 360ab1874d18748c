import type { CommandInput } from '@shared/commands'
import type { Completion, ConsoleReply } from '@shared/contract'
import type { Result } from '@shared/errors'
import type { LabState } from '../core/state'
import { createRegistry } from './builtins'
import { CLEAR_SCREEN } from './cmdlets/format'
import { completeLine } from './complete'
import { cmdletError, NativeError, PsError } from './errors'
import { renderErrorRecord } from './format/error-view'
import { count, limitError, MAX_LINE_LENGTH, MAX_OUTPUT_LENGTH } from './limits'
import { outDefault } from './format/objects'
import type { Registry } from './registry'
import { Runtime } from './runtime'
import { TaskProgress } from './progress'
import { isSleepTask } from '../clock-sleep'
import { Answers, askedTooLate, Question } from './prompts'
import { append, cut, stripAnsi } from './session-text'
import type { Statement } from './syntax/ast'
import type { PsValue } from './values'
import { parseLine } from './syntax/parser'

// One Windows PowerShell 5.1-style session over a lab: the in-app PowerShell tool and `hci-lab run`.
// Each line is parsed, then run statement by statement; each statement's output is formatted on its
// own. A failing statement prints its error record and stops the line; the lab is unchanged by it.

export interface ConsoleHost {
  state(): Readonly<LabState>
  /** Applies an engine command (persisted by the host); on error nothing changed. */
  dispatch(command: CommandInput): Result<unknown>
  /**
   * A real file's text (the CLI reads the disk, relative to its working folder), or null when it
   * cannot be read. The app has no such access: its console reads only the virtual home folder.
   */
  readFile?(path: string): string | null
}

interface Waiting {
  progress: TaskProgress
  cancel: CommandInput | null
  then?: () => PsValue[]
  cancelled: boolean
  line: string
  rest: Statement[]
  invocationName: string
}

/** A statement waiting for the user's answer (prompts.ts): it runs again with it. */
interface Asking {
  line: string
  rest: Statement[]
  answers: Answers
}

const RED = '\x1b[91m'
const RESET = '\x1b[0m'

/** The error that ends a line waiting for a task, named after the cmdlet that waited. */
function waitError(w: Waiting, message: string, errorId: string): PsError {
  const error = cmdletError(message, errorId, 'OperationStopped')
  error.record.invocationName = w.invocationName
  error.record.activity = w.invocationName
  error.record.fqidSuffix = w.invocationName
  return error
}

export class ConsoleSession {
  readonly banner: string
  private readonly registry: Registry
  private readonly runtime: Runtime
  private width: number
  private readonly color: boolean
  /** The line waiting for long work, with the statements left to run after it. */
  private waiting: Waiting | null = null
  /** The statement that asked a question; the next line typed is its answer. */
  private asking: Asking | null = null
  /**
   * An interactive console (the app's PowerShell tool) asks for missing mandatory parameters and
   * -Confirm's answers; a non-interactive one (hci-lab run, as powershell -NonInteractive) fails.
   */
  private readonly interactive: boolean

  constructor(
    private readonly host: ConsoleHost,
    options: { width?: number; color?: boolean; interactive?: boolean } = {},
  ) {
    this.width = Math.max(40, Math.floor(options.width ?? 120))
    this.color = options.color ?? true
    this.interactive = options.interactive ?? false
    this.registry = createRegistry()
    this.runtime = new Runtime(this.registry, host, this.width)
    this.banner = [
      'Windows PowerShell',
      'Copyright (C) Microsoft Corporation. All rights reserved.',
      '',
      "This is HCI Lab's simulated console on a cluster node. Get-Command lists the cmdlets; sim help shows",
      'how to move the virtual clock.',
      '',
    ].join('\n')
  }

  /** Fits later output to a terminal of this many columns (as $Host.UI.RawUI.BufferSize.Width). */
  setWidth(columns: number): void {
    this.width = Math.max(40, Math.min(500, Math.floor(columns)))
    this.runtime.width = this.width
  }

  prompt(): string {
    const first = Object.values(this.host.state().servers).sort((a, b) => a.nodeId - b.nodeId)[0]
    return `[${first?.name ?? 'localhost'}]: PS C:\\Users\\Administrator\\Documents> `
  }

  run(line: string): ConsoleReply {
    if (this.waiting) {
      const busy = cmdletError(
        'The previous command is still running. Wait for it to finish, or press Ctrl+C to stop it.',
        'CommandStillRunning',
        'ResourceBusy',
      )
      Object.assign(busy.record, { invocationName: '', activity: '', fqidSuffix: '' })
      return this.failed([], busy, line)
    }
    this.runtime.budget.reset()
    this.runtime.hostLineOpen = false
    let statements: Statement[]
    try {
      if (line.length > MAX_LINE_LENGTH)
        throw limitError(
          `The line is ${count(line.length)} characters long; HCI Lab's console takes lines of at most ` +
            `${count(MAX_LINE_LENGTH)} characters.`,
        )
      if (this.asking) return this.answer(line)
      statements = parseLine(line)
    } catch (e) {
      return this.failed([], e, line)
    }
    return this.runStatements(line, statements, [])
  }

  /** The line typed after a question: the asking statement runs again with it. */
  private answer(text: string): ConsoleReply {
    const asking = this.asking!
    this.asking = null
    asking.answers.add(text)
    return this.runStatements(asking.line, asking.rest, [], asking.answers)
  }

  /** The task the line waits for (Install-AksHci), or null. */
  waitingFor(): { taskId: string } | null {
    return this.waiting ? { taskId: this.waiting.progress.taskId } : null
  }

  /** Progress text the waiting line has not shown yet ('' when none). */
  progress(): string {
    return this.waiting ? this.text(this.waiting.progress.next(this.host.state())) : ''
  }

  /**
   * After the awaited task ended: its last progress, then its error (failed, cancelled), else the
   * rest of the line, which may wait again. While the task still runs this only reports the wait.
   */
  resume(): ConsoleReply {
    const w = this.waiting
    if (!w) return this.reply([])
    const task = this.host.state().tasks[w.progress.taskId]
    if (task?.state === 'InProgress') return this.reply([], undefined, { taskId: task.id })
    const out = w.progress.next(this.host.state())
    this.waiting = null
    // Ctrl+C on a wait that simply stops (Start-Sleep) ends the line without an error, as in PowerShell.
    if (w.cancelled && task && isSleepTask(task.id)) return this.reply(out)
    const failure = !task
      ? 'The lab was closed while the command was running; its work stopped.'
      : w.cancelled
        ? `The operation was stopped: ${task.message}`
        : task.state === 'Error'
          ? task.message
          : null
    if (failure === null) {
      this.runtime.budget.reset()
      try {
        if (w.then) append(out, outDefault(w.then(), this.registry, this.width))
      } catch (e) {
        return this.failed(out, e, w.line)
      }
      return this.runStatements(w.line, w.rest, out)
    }
    return this.failed(out, waitError(w, failure, w.cancelled ? 'OperationStopped' : 'TaskFailed'), w.line)
  }

  /**
   * The host cannot move time on for the waiting line (its clock could not be saved): the line
   * ends with this error and the console takes new lines; the task goes on with the lab's clock.
   */
  abandonWait(message: string): ConsoleReply {
    const w = this.waiting
    if (!w) return this.reply([])
    this.waiting = null
    return this.failed([], waitError(w, message, 'WaitAbandoned'), w.line)
  }

  /** Ctrl+C while waiting: stops the work (its cancel command); resume() then reports it. */
  cancel(): void {
    // At a question, Ctrl+C abandons the statement: the next line is a new command.
    this.asking = null
    const w = this.waiting
    if (!w || !w.cancel || this.host.state().tasks[w.progress.taskId]?.state !== 'InProgress') return
    w.cancelled = this.host.dispatch(w.cancel).ok
  }

  private runStatements(
    line: string,
    statements: Statement[],
    out: string[],
    answers?: Answers,
  ): ConsoleReply {
    let error: string | undefined
    let shown = out.reduce((length, text) => length + text.length + 1, 0)
    let i = 0
    try {
      for (; i < statements.length; i++) {
        this.runtime.pending = []
        this.runtime.wait = null
        this.runtime.hostLines = []
        this.runtime.changes = 0
        const lineOpen = this.runtime.hostLineOpen
        const asked = i === 0 ? answers : undefined
        asked?.rewind()
        this.runtime.answers = asked ?? (this.interactive ? new Answers() : null)
        const values = this.runtime.execute(statements[i]!)
        const host = this.runtime.hostLines
        // Write-Host -NoNewline in an earlier statement: this statement's host text goes on that line.
        if (lineOpen && host.length > 0 && out.length > 0) out.push(`${out.pop()!}${host.shift()!}`)
        shown += append(out, host)
        shown += append(out, outDefault(values, this.registry, this.width, MAX_OUTPUT_LENGTH - shown))
        const pending = this.runtime.pending
        if (pending.length > 0) {
          for (const e of pending) out.push(...this.errorLines(e, line))
          error = pending[0]!.message
          break
        }
        const wait = this.runtime.wait as Runtime['wait']
        if (wait) {
          const progress = new TaskProgress(wait.taskId)
          this.waiting = {
            progress,
            cancel: wait.cancel,
            ...(wait.then ? { then: wait.then } : {}),
            cancelled: false,
            line,
            rest: statements.slice(i + 1),
            invocationName: wait.invocationName,
          }
          out.push(...progress.next(this.host.state()))
          return this.reply(out, undefined, { taskId: wait.taskId })
        }
      }
    } catch (e) {
      // What the statement wrote before it failed stays; before a question it is written again.
      if (!(e instanceof Question)) return this.failed([...out, ...this.runtime.hostLines], e, line)
      if (this.runtime.changes > 0)
        return this.failed([...out, ...this.runtime.hostLines], askedTooLate(), line)
      this.asking = { line, rest: statements.slice(i), answers: this.runtime.answers! }
      out.push(...e.lines)
      return { ...this.reply(out), prompt: e.prompt }
    }
    return this.reply(out, error)
  }

  private failed(out: string[], e: unknown, line: string): ConsoleReply {
    out.push(...this.errorLines(e, line))
    return this.reply(out, e instanceof Error ? e.message : String(e))
  }

  private text(lines: string[]): string {
    const kept = this.color ? lines : lines.filter((l) => l !== CLEAR_SCREEN)
    const output = cut(kept.join('\n'))
    return this.color ? output : stripAnsi(output)
  }

  private reply(out: string[], error?: string, wait?: { taskId: string }): ConsoleReply {
    return {
      output: this.text(out),
      prompt: this.prompt(),
      ...(error === undefined ? {} : { error: cut(error) }),
      ...(wait === undefined ? {} : { wait }),
    }
  }

  complete(line: string, cursor: number): Completion {
    return completeLine(line, cursor, this.registry, this.runtime.variableNames())
  }

  private errorLines(e: unknown, line: string): string[] {
    let lines: string[]
    if (e instanceof PsError) lines = renderErrorRecord(e.record, line, this.width)
    else if (e instanceof NativeError) lines = e.lines
    else {
      // A bug in the console must not take the session down: report it like a runtime error.
      const message = `HCI Lab's console failed to run this line: ${e instanceof Error ? e.message : String(e)}`
      lines = renderErrorRecord(
        {
          message,
          category: 'NotSpecified',
          reason: 'RuntimeException',
          errorId: 'InternalError',
          invocationName: '',
          activity: '',
        },
        line,
        this.width,
      )
    }
    const red = this.color ? lines.map((l) => (l === '' ? l : `${RED}${l}${RESET}`)) : lines
    return e instanceof NativeError ? [...e.output, ...red] : red
  }
}
