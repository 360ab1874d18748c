import { NativeError } from '../errors'

// -l label selectors (k8s.io/apimachinery labels.Parse): `k=v`, `k==v`, `k!=v`, `k`, `!k`,
// `k in (a,b)`, `k notin (a,b)`, comma-separated and all required.

type Requirement = (labels: Record<string, string>) => boolean

export function parseSelector(text: string): Requirement {
  const reqs: Requirement[] = []
  // Commas inside `( … )` belong to a set, so split on the others only.
  const parts = text.split(/,(?![^(]*\))/).map((p) => p.trim())
  for (const part of parts) {
    if (part === '') continue
    let m: RegExpExecArray | null
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      const [, key, op, values] = m as unknown as [string, string, string, string]
      const set = values.split(',').map((v) => v.trim())
      reqs.push(
        op === 'in' ? (l) => key in l && set.includes(l[key]!) : (l) => !(key in l) || !set.includes(l[key]!),
      )
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part))) {
      const [, key, op, value] = m as unknown as [string, string, string, string]
      reqs.push(op === '!=' ? (l) => l[key] !== value : (l) => key in l && l[key] === value)
    } else if ((m = /^!\s*([\w./-]+)$/.exec(part))) {
      const key = m[1]!
      reqs.push((l) => !(key in l))
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      const key = m[1]!
      reqs.push((l) => key in l)
    } else
      throw new NativeError([`error: unable to parse requirement: found '${part}', expected: identifier`])
  }
  return (labels) => reqs.every((r) => r(labels))
}
