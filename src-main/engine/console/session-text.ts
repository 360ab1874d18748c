import { count, MAX_OUTPUT_LENGTH } from './limits'

// Text helpers of the console session: colour codes off, output lines gathered and capped.

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
}

/** Adds lines one by one (spreading a long array into push() overflows the stack); their length. */
export function append(out: string[], lines: string[]): number {
  let length = 0
  for (const line of lines) {
    out.push(line)
    length += line.length + 1
  }
  return length
}

/**
 * The last guard of the 1 MB message rule: output is stopped at the limit as it is formatted, but an
 * error record quotes the value it is about, which may be a 4 MB string.
 */
export function cut(output: string): string {
  if (output.length <= MAX_OUTPUT_LENGTH) return output
  return (
    output.slice(0, MAX_OUTPUT_LENGTH) +
    `\n... (the rest is not shown: HCI Lab's console shows at most ${count(MAX_OUTPUT_LENGTH)} characters of a line's output)`
  )
}
