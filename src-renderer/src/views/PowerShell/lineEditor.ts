// Local line editing for the PowerShell console: the engine sees whole lines, so typing, cursor
// moves and history happen here. Each method changes the line and returns what to write to the
// terminal (text and ANSI cursor moves), taking line wrapping at `cols` into account.

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g

export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length
}

/** The console's output uses "\n"; a terminal needs "\r\n". */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n')
}

export class LineEditor {
  line = ''
  cursor = 0
  cols = 80
  private history: string[] = []
  private back = 0 // how far back in history; 0 = the line being typed
  private draft = ''

  constructor(public prompt: string) {}

  private get promptWidth(): number {
    const last = this.prompt.slice(this.prompt.lastIndexOf('\n') + 1)
    return visibleLength(last)
  }

  /** Sets line and cursor and returns the redraw from the old cursor position. */
  private set(line: string, cursor: number): string {
    const cols = Math.max(1, this.cols)
    const p = this.promptWidth
    const oldAbs = p + this.cursor
    this.line = line
    this.cursor = cursor
    let out = ''
    const up = Math.floor(oldAbs / cols)
    if (up > 0) out += `\x1b[${up}A`
    const lastPrompt = this.prompt.slice(this.prompt.lastIndexOf('\n') + 1)
    out += `\r${lastPrompt}${line}\x1b[J`
    const endAbs = p + line.length
    // At an exact multiple of the width the terminal waits to wrap; make it wrap now.
    if (endAbs > 0 && endAbs % cols === 0) out += ' \r'
    const target = p + cursor
    const rowsUp = Math.floor(endAbs / cols) - Math.floor(target / cols)
    if (rowsUp > 0) out += `\x1b[${rowsUp}A`
    out += '\r'
    if (target % cols > 0) out += `\x1b[${target % cols}C`
    return out
  }

  /** The prompt and the (empty) line, for a fresh start. */
  start(prompt = this.prompt): string {
    this.prompt = prompt
    this.line = ''
    this.cursor = 0
    this.back = 0
    return prompt
  }

  /** Redraws the prompt and line from the cursor's row (after Ctrl+L). */
  redraw(): string {
    this.cursor = Math.min(this.cursor, this.line.length)
    const cursor = this.cursor
    this.cursor = 0
    return this.set(this.line, cursor)
  }

  insert(text: string): string {
    const line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor)
    return this.set(line, this.cursor + text.length)
  }

  backspace(): string {
    if (this.cursor === 0) return ''
    return this.set(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1)
  }

  deleteForward(): string {
    if (this.cursor >= this.line.length) return ''
    return this.set(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor)
  }

  left(): string {
    return this.cursor > 0 ? this.set(this.line, this.cursor - 1) : ''
  }

  right(): string {
    return this.cursor < this.line.length ? this.set(this.line, this.cursor + 1) : ''
  }

  home(): string {
    return this.set(this.line, 0)
  }

  end(): string {
    return this.set(this.line, this.line.length)
  }

  /** Replaces part of the line (tab completion) and puts the cursor after the replacement. */
  replaceRange(from: number, to: number, text: string): string {
    return this.set(this.line.slice(0, from) + text + this.line.slice(to), from + text.length)
  }

  historyUp(): string {
    if (this.back >= this.history.length) return ''
    if (this.back === 0) this.draft = this.line
    this.back++
    const entry = this.history[this.history.length - this.back]!
    return this.set(entry, entry.length)
  }

  historyDown(): string {
    if (this.back === 0) return ''
    this.back--
    const entry = this.back === 0 ? this.draft : this.history[this.history.length - this.back]!
    return this.set(entry, entry.length)
  }

  /** Takes the line for running; non-blank lines go into history (no immediate repeats). */
  accept(): string {
    const line = this.line
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line)
    this.line = ''
    this.cursor = 0
    this.back = 0
    this.draft = ''
    return line
  }
}
