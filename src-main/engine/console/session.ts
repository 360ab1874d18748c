import type { CommandInput } from '@shared/commands'
import type { Completion, ConsoleReply } from '@shared/contract'
import type { Result } from '@shared/errors'
import type { LabState } from '../core/state'
import { createRegistry } from './builtins'
import { CLEAR_SCREEN } from './cmdlets/format'
import { completeLine } from './complete'
import { NativeError, PsError } from './errors'
import { renderErrorRecord } from './format/error-view'
import { outDefault } from './format/objects'
import type { Registry } from './registry'
import { Runtime } from './runtime'
import { parseLine } from './syntax/parser'

// One Windows PowerShell 5.1-style session over a lab: the in-app PowerShell tool and `hci-lab run`.
// Each line is parsed, then run statement by statement; each statement's output is formatted on its
// own. A failing statement prints its error record and stops the line; the lab is unchanged by it.

export interface ConsoleHost {
  state(): Readonly<LabState>
  /** Applies an engine command (persisted by the host); on error nothing changed. */
  dispatch(command: CommandInput): Result<unknown>
}

const RED = '\x1b[91m'
const RESET = '\x1b[0m'

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
}

export class ConsoleSession {
  readonly banner: string
  private readonly registry: Registry
  private readonly runtime: Runtime
  private width: number
  private readonly color: boolean

  constructor(
    private readonly host: ConsoleHost,
    options: { width?: number; color?: boolean } = {},
  ) {
    this.width = Math.max(40, Math.floor(options.width ?? 120))
    this.color = options.color ?? true
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
    const out: string[] = []
    let error: string | undefined
    try {
      for (const statement of parseLine(line)) {
        this.runtime.pending = []
        out.push(...outDefault(this.runtime.execute(statement), this.registry, this.width))
        const pending = this.runtime.pending
        if (pending.length === 0) continue
        for (const e of pending) out.push(...this.errorLines(e, line))
        error = pending[0]!.message
        break
      }
    } catch (e) {
      out.push(...this.errorLines(e, line))
      error = e instanceof Error ? e.message : String(e)
    }
    const lines = this.color ? out : out.filter((l) => l !== CLEAR_SCREEN)
    const output = lines.join('\n')
    return {
      output: this.color ? output : stripAnsi(output),
      prompt: this.prompt(),
      ...(error === undefined ? {} : { error }),
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
    return this.color ? lines.map((l) => (l === '' ? l : `${RED}${l}${RESET}`)) : lines
  }
}
