import type { Terminal } from '@xterm/xterm'
import type { useConsoleStore } from '@/stores/console'
import { LineEditor, toTerminal } from './lineEditor'

type ConsoleStore = ReturnType<typeof useConsoleStore>

const RED = (text: string) => `\x1b[91m${text}\x1b[0m`

/**
 * Connects an xterm terminal to the engine console: local line editing, one console:run per
 * entered line, console:complete on Tab (repeated Tab cycles candidates, as PowerShell does).
 */
export class ConsoleController {
  private readonly editor: LineEditor
  private busy = false
  private queued: string[] = [] // lines entered (typed or pasted) while the previous one runs
  private typeAhead = '' // what is typed while a line runs, before Enter: the next prompt's text
  private cycle: { from: number; to: number; candidates: string[]; index: number } | null = null
  private readonly stopOutput: () => void

  constructor(
    private readonly term: Terminal,
    private readonly store: ConsoleStore,
  ) {
    this.editor = new LineEditor(store.prompt)
    this.editor.cols = term.cols
    term.onResize(({ cols }) => (this.editor.cols = cols))
    term.onData((data) => this.onData(data))
    // A line that blocks (Install-AksHci) streams its progress before its console:run resolves.
    this.stopOutput = store.onOutput((text) => {
      if (this.busy) this.term.write(toTerminal(`${text}\n`))
    })
  }

  dispose(): void {
    this.stopOutput()
  }

  async start(): Promise<void> {
    this.busy = true
    const opened = await this.store.open()
    this.busy = false
    if ('error' in opened)
      this.term.write(RED(`Could not open a PowerShell session: ${opened.error}`) + '\r\n')
    else this.term.write(toTerminal(opened.banner) + '\r\n')
    this.term.write(this.editor.start(this.store.prompt))
  }

  private write(text: string): void {
    if (text) this.term.write(text)
  }

  private onData(data: string): void {
    if (data !== '\t') this.cycle = null
    if (this.busy) {
      if (data === '\x03') {
        // Ctrl+C on a pending line: drop what was typed ahead and ask the host to stop the work.
        this.queued = []
        this.typeAhead = ''
        this.term.write('^C\r\n')
        void this.store.cancel().then((error) => error && this.term.write(RED(error) + '\r\n'))
      } else this.keepTypedAhead(data)
      return
    }
    switch (data) {
      case '\r':
        return void this.enter()
      case '\x7f':
      case '\b':
        return this.write(this.editor.backspace())
      case '\x1b[A':
        return this.write(this.editor.historyUp())
      case '\x1b[B':
        return this.write(this.editor.historyDown())
      case '\x1b[C':
        return this.write(this.editor.right())
      case '\x1b[D':
        return this.write(this.editor.left())
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        return this.write(this.editor.home())
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        return this.write(this.editor.end())
      case '\x1b[3~':
        return this.write(this.editor.deleteForward())
      case '\x03': // Ctrl+C: drop the line, new prompt
        this.editor.accept()
        this.term.write('^C\r\n')
        return this.write(this.editor.start(this.store.prompt))
      case '\x0c': // Ctrl+L: clear the screen, keep the line
        this.term.clear()
        return this.write(this.editor.redraw())
      case '\t':
        return void this.complete()
    }
    if (data.startsWith('\x1b')) return // other keys: nothing to do
    const lines = splitLines(data)
    this.write(this.editor.insert(printable(lines.shift() ?? '')))
    if (/[\r\n]/.test(data)) {
      this.queued.push(...lines)
      void this.enter()
    }
  }

  private async enter(): Promise<void> {
    const line = this.editor.accept()
    this.term.write('\r\n')
    if (line.trim()) {
      this.busy = true
      const reply = await this.store.run(line, Math.max(40, this.editor.cols - 1))
      this.busy = false
      if (reply.notice) this.term.write(`\x1b[93m${reply.notice}\x1b[0m\r\n`)
      if (reply.error) this.term.write(RED(reply.error) + '\r\n')
      else if (reply.output)
        this.term.write(toTerminal(reply.output.endsWith('\n') ? reply.output : `${reply.output}\n`))
    }
    this.term.write(this.editor.start(this.store.prompt))
    const next = this.queued.shift()
    if (next !== undefined) {
      this.write(this.editor.insert(printable(next)))
      void this.enter()
      return
    }
    // What was typed ahead without Enter waits at the prompt, as a console's keyboard buffer does.
    if (this.typeAhead) this.write(this.editor.insert(this.typeAhead))
    this.typeAhead = ''
  }

  /** Keys pressed while a line runs: lines ended by Enter run next, the rest waits for the prompt. */
  private keepTypedAhead(data: string): void {
    const parts = splitLines(data)
    for (const line of parts.slice(0, -1)) {
      this.queued.push(this.typeAhead + printable(line))
      this.typeAhead = ''
    }
    const rest = parts.at(-1) ?? ''
    if (rest === '\x7f' || rest === '\b') this.typeAhead = this.typeAhead.slice(0, -1)
    else if (!rest.startsWith('\x1b')) this.typeAhead += printable(rest)
  }

  private async complete(): Promise<void> {
    if (this.cycle) {
      const c = this.cycle
      c.index = (c.index + 1) % c.candidates.length
      const text = c.candidates[c.index]!
      this.write(this.editor.replaceRange(c.from, c.to, text))
      c.to = c.from + text.length
      return
    }
    const reply = await this.store.complete(this.editor.line, this.editor.cursor)
    if (!reply || reply.candidates.length === 0) return
    const first = reply.candidates[0]!
    this.write(this.editor.replaceRange(reply.replaceFrom, this.editor.cursor, first))
    if (reply.candidates.length > 1)
      this.cycle = {
        from: reply.replaceFrom,
        to: reply.replaceFrom + first.length,
        candidates: reply.candidates,
        index: 0,
      }
  }
}

function splitLines(data: string): string[] {
  return data.split(/\r\n|\r|\n/)
}

/** Drops control characters a paste may carry. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, '')
}
