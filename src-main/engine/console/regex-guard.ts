import { limitError, MAX_PATTERN_LENGTH } from './limits'

// JavaScript's regular expressions backtrack: (a+)+$ takes exponential time on 30 characters and
// .*.*.*b polynomial time on a few hundred, and nothing can stop a match once it runs. So before
// -match runs, the console refuses a repeated group that itself repeats, and bounds the text's
// length by the pattern's open-ended repetitions: with k of them a match takes up to about
// n^(k+1) steps on n characters, which must stay under MAX_MATCH_STEPS.

const MAX_MATCH_STEPS = 1e8

interface Group {
  /** The group contains an open-ended repetition (*, +, {n,}) or an alternation. */
  repeats: boolean
}

/** Throws the console's limit error when matching `pattern` against `textLength` characters could hang. */
export function checkRegexCost(pattern: string, textLength: number): void {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw limitError(
      `The regular expression is ${pattern.length} characters long; HCI Lab's console runs patterns of at ` +
        `most ${MAX_PATTERN_LENGTH} characters.`,
    )
  const openEnded = countOpenEnded(pattern)
  const maxText = Math.floor(MAX_MATCH_STEPS ** (1 / (openEnded + 1)))
  if (textLength > maxText)
    throw limitError(
      `HCI Lab's console matches at most ${maxText} characters against a pattern with ${openEnded} ` +
        `open-ended repetitions (*, + or {n,}); this text has ${textLength}.`,
    )
}

/** Open-ended repetitions in the pattern; throws on a repeated group that repeats inside. */
function countOpenEnded(pattern: string): number {
  const groups: Group[] = [{ repeats: false }]
  let count = 0
  /** The atom a quantifier would apply to: a group that repeats inside, or anything else. */
  let lastAtomRepeats = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    const quantifier = readQuantifier(pattern, i)
    if (quantifier) {
      if (lastAtomRepeats && quantifier.repeats)
        throw limitError(
          "HCI Lab's console does not run this regular expression: a repeated group that itself repeats " +
            'or has alternatives, such as (a+)+ or (a|aa)*, can take exponential time to match.',
        )
      if (quantifier.openEnded) {
        count++
        groups[groups.length - 1]!.repeats = true
      }
      lastAtomRepeats = false
      i = quantifier.end - 1
      continue
    }
    lastAtomRepeats = false
    if (c === '\\') i++
    else if (c === '[') i = classEnd(pattern, i)
    else if (c === '(') groups.push({ repeats: false })
    else if (c === '|') groups[groups.length - 1]!.repeats = true
    else if (c === ')' && groups.length > 1) {
      const inner = groups.pop()!
      lastAtomRepeats = inner.repeats
      if (inner.repeats) groups[groups.length - 1]!.repeats = true
    }
  }
  return count
}

/** A quantifier starting at i (with its lazy '?'), or null. */
function readQuantifier(
  pattern: string,
  i: number,
): { openEnded: boolean; repeats: boolean; end: number } | null {
  const c = pattern[i]
  let result: { openEnded: boolean; repeats: boolean; end: number } | null = null
  if (c === '*' || c === '+') result = { openEnded: true, repeats: true, end: i + 1 }
  else if (c === '?') result = { openEnded: false, repeats: false, end: i + 1 }
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24))
    if (!m) return null
    const openEnded = m[2] !== undefined && m[3] === ''
    const max = openEnded ? Infinity : Number(m[3] ?? m[1])
    result = { openEnded, repeats: max > 1, end: i + m[0].length }
  }
  if (result && pattern[result.end] === '?') result.end++
  return result
}

/** The index of the ']' that closes the class opened at i (or the last index). */
function classEnd(pattern: string, i: number): number {
  let j = i + 1
  if (pattern[j] === '^') j++
  if (pattern[j] === ']') j++
  for (; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++
    else if (pattern[j] === ']') return j
  }
  return pattern.length - 1
}
