import { PsError } from './errors'

// What one console line may build and do. PowerShell is bounded only by memory; a lab's host must
// never hang or run out of memory on a line, so past these the console stops the line with an
// error that names the limit. Each is far beyond what a lab's objects need.

/** How deeply parentheses, braces, brackets and operators may nest in one line. */
export const MAX_PARSE_DEPTH = 100
/** Characters in one line, as the console:run channel takes. */
export const MAX_LINE_LENGTH = 100_000
/** Characters in one string: as long as the largest manifest kubectl apply takes. */
export const MAX_STRING_LENGTH = 4 * 1024 * 1024
/** Items in one array. */
export const MAX_ARRAY_LENGTH = 1_000_000
/** Work units of one line (see WorkBudget): a few seconds of work. */
export const MAX_WORK_PER_LINE = 20_000_000
/** Characters of one line's output: a host never sends a message over 1 MB. */
export const MAX_OUTPUT_LENGTH = 1024 * 1024
/** Characters in one regular expression (-match). */
export const MAX_PATTERN_LENGTH = 1000

export function limitError(message: string): PsError {
  return new PsError({
    message,
    category: 'LimitsExceeded',
    reason: 'RuntimeException',
    errorId: 'ConsoleLimitExceeded',
    invocationName: '',
    activity: '',
    fqidSuffix: '',
  })
}

/** A number as the console's limit errors write it: 4,194,304. */
export const count = (n: number) => n.toLocaleString('en-US')

/** Throws unless a string of `length` characters is within the console's limit. */
export function checkStringLength(length: number): void {
  if (length > MAX_STRING_LENGTH)
    throw limitError(
      `The result would be a string of ${count(length)} characters; HCI Lab's console builds strings of ` +
        `at most ${count(MAX_STRING_LENGTH)} characters.`,
    )
}

/** Throws unless an array of `length` items is within the console's limit. */
export function checkArrayLength(length: number): void {
  if (length > MAX_ARRAY_LENGTH)
    throw limitError(
      `The result would be an array of ${count(length)} items; HCI Lab's console builds arrays of at ` +
        `most ${count(MAX_ARRAY_LENGTH)} items.`,
    )
}
