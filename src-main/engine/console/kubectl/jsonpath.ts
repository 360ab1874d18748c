import { NativeError } from '../errors'

// k8s.io/client-go/util/jsonpath, the subset kubectl users write: `{.a.b}`, `[n]`, `[*]`, `[a:b]`,
// `..name`, `['key']`, `[?(@.x=="v")]`, `{range …}…{end}`, `{"\n"}` and text between. Missing keys
// print nothing (kubectl get allows them). Several results of one expression are joined by spaces.

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; steps: Step[] }
  | { kind: 'range'; steps: Step[]; body: Node[] }
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'index'; start: number | null; end: number | null; single: boolean }
  | { kind: 'all' }
  | { kind: 'filter'; path: Step[]; op: string; value: string | number | null }

const fail = (message: string) => new NativeError([`error: error parsing jsonpath ${message}`])

function parseSteps(expr: string, template: string): Step[] {
  const steps: Step[] = []
  let i = expr.startsWith('$') ? 1 : 0
  const name = () => {
    let s = ''
    while (i < expr.length && !'.['.includes(expr[i]!)) {
      if (expr[i] === '\\' && i + 1 < expr.length) i++
      s += expr[i++]
    }
    return s
  }
  while (i < expr.length) {
    if (expr.startsWith('..', i)) {
      i += 2
      steps.push({ kind: 'recursive', name: name() })
    } else if (expr[i] === '.') {
      i++
      const n = name()
      if (n !== '') steps.push(n === '*' ? { kind: 'all' } : { kind: 'field', name: n })
    } else if (expr[i] === '[') {
      const close = expr.indexOf(']', expr[i + 1] === '?' ? expr.indexOf(')', i) : i)
      if (close < 0) throw fail(`${template}, unterminated array`)
      const inner = expr.slice(i + 1, close).trim()
      i = close + 1
      let m: RegExpExecArray | null
      if (inner === '*') steps.push({ kind: 'all' })
      else if ((m = /^'(.*)'$|^"(.*)"$/.exec(inner))) steps.push({ kind: 'field', name: m[1] ?? m[2]! })
      else if ((m = /^\?\(@(\.[^=!<>\s)]*)\s*(==|!=|<=|>=|<|>)?\s*(.*)\)$/.exec(inner))) {
        const raw = (m[3] ?? '').trim()
        const value = raw === '' ? null : /^['"]/.test(raw) ? raw.slice(1, -1) : Number(raw)
        steps.push({ kind: 'filter', path: parseSteps(m[1]!, template), op: m[2] ?? 'exists', value })
      } else if ((m = /^(-?\d*)(?::(-?\d*))?$/.exec(inner)) && inner !== '') {
        const single = !inner.includes(':')
        const n = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s))
        steps.push({ kind: 'index', start: n(m[1]), end: n(m[2]), single })
      } else throw fail(`${template}, invalid array index ${inner}`)
    } else
      throw fail(
        `${template}, unrecognized character in action: U+${expr.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} '${expr[i]}'`,
      )
  }
  return steps
}

function parse(template: string): Node[] {
  const root: Node[] = []
  const stack: Node[][] = [root]
  let i = 0
  while (i < template.length) {
    const open = template.indexOf('{', i)
    if (open < 0) {
      stack.at(-1)!.push({ kind: 'text', text: template.slice(i) })
      break
    }
    if (open > i) stack.at(-1)!.push({ kind: 'text', text: template.slice(i, open) })
    const close = template.indexOf('}', open)
    if (close < 0) throw fail(`${template}, unclosed action`)
    const action = template.slice(open + 1, close).trim()
    i = close + 1
    if (/^".*"$/s.test(action))
      stack.at(-1)!.push({
        kind: 'text',
        text: action.slice(1, -1).replace(/\\([nt"\\])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c),
      })
    else if (action.startsWith('range ')) {
      const node: Node = { kind: 'range', steps: parseSteps(action.slice(6).trim(), template), body: [] }
      stack.at(-1)!.push(node)
      stack.push(node.body)
    } else if (action === 'end') {
      if (stack.length === 1) throw fail(`${template}, not in range, nothing to end`)
      stack.pop()
    } else stack.at(-1)!.push({ kind: 'path', steps: parseSteps(action, template) })
  }
  return root
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v
  if (v && typeof v === 'object')
    return Object.keys(v)
      .sort()
      .map((k) => (v as Record<string, unknown>)[k])
  return []
}

function recurse(v: unknown, name: string, out: unknown[]): void {
  if (v && typeof v === 'object' && !Array.isArray(v) && name in v)
    out.push((v as Record<string, unknown>)[name])
  for (const c of children(v)) recurse(c, name, out)
}

function compare(a: unknown, op: string, b: string | number | null): boolean {
  if (op === 'exists') return a !== undefined
  if (op === '==') return a === b || String(a) === String(b)
  if (op === '!=') return !(a === b || String(a) === String(b))
  const [x, y] = [Number(a), Number(b)]
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y
}

export function evaluate(steps: Step[], roots: unknown[]): unknown[] {
  let cur = roots
  for (const s of steps) {
    const next: unknown[] = []
    for (const v of cur) {
      if (s.kind === 'field') {
        if (v && typeof v === 'object' && !Array.isArray(v) && s.name in v)
          next.push((v as Record<string, unknown>)[s.name])
      } else if (s.kind === 'recursive') recurse(v, s.name, next)
      else if (s.kind === 'all') next.push(...children(v))
      else if (s.kind === 'index' && Array.isArray(v)) {
        const norm = (n: number) => (n < 0 ? v.length + n : n)
        if (s.single) {
          const ix = norm(s.start ?? 0)
          if (ix >= 0 && ix < v.length) next.push(v[ix])
        } else next.push(...v.slice(norm(s.start ?? 0), s.end === null ? v.length : norm(s.end)))
      } else if (s.kind === 'filter')
        for (const item of children(v)) {
          const [value] = evaluate(s.path, [item])
          if (compare(value, s.op, s.value)) next.push(item)
        }
    }
    cur = next
  }
  return cur
}

/** Go's json.Marshal of decoded JSON: map keys sorted. */
function marshal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(marshal).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${marshal((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(v) ?? 'null'
}

const print = (v: unknown) => (typeof v === 'string' ? v : marshal(v))

function run(nodes: Node[], root: unknown): string {
  let out = ''
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text
    else if (n.kind === 'path') out += evaluate(n.steps, [root]).map(print).join(' ')
    else for (const item of evaluate(n.steps, [root])) out += run(n.body, item)
  }
  return out
}

/** `-o jsonpath=TEMPLATE` over one object or a List; kubectl wraps a bare path in braces. */
export function jsonpath(template: string, root: unknown): string {
  const relaxed = template.includes('{') ? template : `{${template}}`
  return run(parse(relaxed), root)
}

/** --sort-by's field: `.metadata.name`, `{.metadata.name}` or `metadata.name`. */
export function sortPath(field: string): { steps: Step[]; shown: string } {
  let f = field.trim()
  if (f.startsWith('{') && f.endsWith('}')) f = f.slice(1, -1)
  if (!f.startsWith('.') && !f.startsWith('$')) f = `.${f}`
  return { steps: parseSteps(f, field), shown: `{${f}}` }
}
