import type { Completion } from '@shared/contract'
import { allParams } from './binder'
import type { Registry } from './registry'

// Tab completion: command names at the start of a pipeline segment, "-Parameter" names, the values
// of a ValidateSet or enum parameter, $variables, and a native command's own words (sim).

/** Where the pipeline segment under the cursor starts (after an unquoted | ; ( ) { }). */
function segmentStart(text: string): number {
  let start = 0
  let quote = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === "'" || c === '"') quote = c
    else if ('|;(){}\n'.includes(c)) start = i + 1
  }
  return start
}

function byPrefix(candidates: string[], prefix: string): string[] {
  const lower = prefix.toLowerCase()
  const hits = candidates.filter((c) => c.toLowerCase().startsWith(lower))
  return [...new Set(hits)].sort(
    (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b),
  )
}

export function completeLine(
  line: string,
  cursor: number,
  registry: Registry,
  variables: string[],
): Completion {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)))
  const segStart = segmentStart(before)
  const wordStart =
    Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'), before.lastIndexOf(','), segStart - 1) + 1
  const word = before.slice(wordStart)
  const words = before.slice(segStart, wordStart).trim().split(/\s+/).filter(Boolean)
  const done = (candidates: string[]) => ({ replaceFrom: wordStart, candidates: byPrefix(candidates, word) })

  if (word.startsWith('$')) return done(['$true', '$false', '$null', '$_', ...variables.map((v) => `$${v}`)])
  if (words.length === 0)
    return done([...registry.allCmdlets().map((c) => c.name), ...registry.allNatives().map((n) => n.name)])
  const command = registry.resolve(words[0]!)
  if (!command) return done([])
  if (command.kind === 'native') return done(command.def.complete?.(words.slice(1)) ?? [])
  const params = allParams(command.def)
  if (word.startsWith('-')) return done(params.map((p) => `-${p.name}`))
  const previous = words[words.length - 1]!
  if (previous.startsWith('-') && !previous.includes(':')) {
    const name = previous.slice(1).toLowerCase()
    const param =
      params.find((p) => p.name.toLowerCase() === name) ??
      params.find((p) => p.name.toLowerCase().startsWith(name))
    if (param?.validateSet) return done([...param.validateSet])
    if (param && typeof param.type === 'object') return done([...param.type.values])
  }
  return done([])
}
