import { count, limitError, MAX_PATTERN_LENGTH } from './limits'

// JavaScript's regular expressions backtrack, and nothing can stop a match once it runs: (a+)+$
// takes exponential time on 30 characters, .*.*.*b polynomial time on a few hundred. So before
// -match runs, the console estimates the worst case from the pattern's shape and refuses what
// could take more than MAX_MATCH_STEPS steps on the text at hand.
//
// The estimate: a pattern costs about n^(k+1) × choices steps on n characters, where k counts its
// open-ended repetitions (*, +, {n,}) and `choices` multiplies its bounded ones ({1,3} tries 3
// ways, ? two) and its alternatives. A repeated group that itself repeats or has alternatives
// ((a+)+, (a|aa)*) is exponential: refused whatever the text.

const MAX_MATCH_STEPS = 1e8

/** The cost of a piece of pattern: open-ended repetitions, times the ways its bounded parts match. */
interface Cost {
  openEnded: number
  choices: number
}

const ONE: Cost = { openEnded: 0, choices: 1 }

/** Throws the console's limit error when matching `pattern` against `textLength` characters could hang. */
export function checkRegexCost(pattern: string, textLength: number): void {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw limitError(
      `The regular expression is ${count(pattern.length)} characters long; HCI Lab's console runs patterns ` +
        `of at most ${count(MAX_PATTERN_LENGTH)} characters.`,
    )
  const cost = new PatternReader(pattern).alternatives()
  const steps = Math.max(textLength, 1) ** (cost.openEnded + 1) * cost.choices
  if (steps > MAX_MATCH_STEPS)
    throw limitError(
      `HCI Lab's console does not run this match: the pattern could take about ${steps.toExponential(0)} ` +
        `steps on a text of ${count(textLength)} characters (at most ${MAX_MATCH_STEPS.toExponential(0)}). ` +
        'Use fewer repetitions (*, +, {n,m}) or alternatives, or match a shorter text.',
    )
}

function exponential(): Error {
  return limitError(
    "HCI Lab's console does not run this regular expression: a repeated group that itself repeats " +
      'or has alternatives, such as (a+)+ or (a|aa)*, can take exponential time to match.',
  )
}

/** Reads the pattern's structure only: enough to estimate its cost, not to match. */
class PatternReader {
  private pos = 0

  constructor(private readonly src: string) {}

  /** Alternatives until ')' or the end: the costliest one counts, and the choice between them. */
  alternatives(): Cost {
    const options = [this.sequence()]
    while (this.src[this.pos] === '|') {
      this.pos++
      options.push(this.sequence())
    }
    if (options.length === 1) return options[0]!
    return {
      openEnded: Math.max(...options.map((o) => o.openEnded)),
      choices: options.reduce((sum, o) => sum + o.choices, 0),
    }
  }

  private sequence(): Cost {
    let total = ONE
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.atom()
      const cost = this.repeated(atom)
      total = { openEnded: total.openEnded + cost.openEnded, choices: total.choices * cost.choices }
    }
    return total
  }

  private atom(): Cost {
    const c = this.src[this.pos++]
    if (c === '\\') this.pos++
    else if (c === '[') this.skipClass()
    else if (c === '(') {
      const inner = this.alternatives()
      this.pos++ // the ')'
      return inner
    }
    return ONE
  }

  /** The atom's cost with the quantifier that follows it, if any. */
  private repeated(atom: Cost): Cost {
    const quantifier = this.quantifier()
    if (!quantifier) return atom
    const nested = atom.openEnded > 0 || atom.choices > 1
    if (quantifier.max === Infinity) {
      if (nested) throw exponential()
      return { openEnded: 1, choices: 1 }
    }
    // {n,m} of an atom: up to m copies of it, and m - n + 1 ways to choose how many.
    return {
      openEnded: atom.openEnded * quantifier.max,
      choices: atom.choices ** quantifier.max * (quantifier.max - quantifier.min + 1),
    }
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.src[this.pos]
    let q: { min: number; max: number } | null = null
    if (c === '*') q = { min: 0, max: Infinity }
    else if (c === '+') q = { min: 1, max: Infinity }
    else if (c === '?') q = { min: 0, max: 1 }
    if (q) this.pos++
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos, this.pos + 24))
      if (!m) return null
      this.pos += m[0].length
      const min = Number(m[1])
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) }
    }
    if (q && this.src[this.pos] === '?') this.pos++ // lazy
    return q
  }

  private skipClass(): void {
    if (this.src[this.pos] === '^') this.pos++
    if (this.src[this.pos] === ']') this.pos++
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      if (this.src[this.pos] === '\\') this.pos++
      this.pos++
    }
    this.pos++
  }
}
