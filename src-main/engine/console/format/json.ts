import {
  formatNumber,
  FormattedOutput,
  isEnum,
  objectText,
  PsHashtable,
  PsObject,
  ScriptBlock,
  toText,
  typeNameOf,
  type PsValue,
} from '../values'

// ConvertTo-Json as Windows PowerShell 5.1 writes it: JavaScriptSerializer's compact text (enums
// as numbers, <>&' escaped as \u00XX), objects deeper than -Depth replaced by their ToString(), then
// 5.1's own pretty printer: 4-space indents, "key":  value with two spaces, and nested blocks
// indented under their key.

export function toJson(value: PsValue, depth: number, compress: boolean): string {
  const compact = serialize(value, 0, depth)
  return compress ? compact : new Pretty(compact).run()
}

function serialize(v: PsValue, level: number, depth: number): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return quote(v)
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : quote(formatNumber(v))
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (isEnum(v)) return String(v.value)
  if (v instanceof ScriptBlock || v instanceof FormattedOutput) return quote(toText(v))
  const deep = level > depth
  if (Array.isArray(v)) {
    if (deep) return quote(typeNameOf(v))
    return `[${v.map((item) => serialize(item, level + 1, depth)).join(',')}]`
  }
  if (v instanceof PsHashtable) {
    if (deep) return quote('System.Collections.Hashtable')
    const fields = [...v.entries.values()].map(
      (e) => `${quote(e.key)}:${serialize(e.value, level + 1, depth)}`,
    )
    return `{${fields.join(',')}}`
  }
  const o: PsObject = v
  if (deep) return quote(objectText(o))
  return `{${o
    .names()
    .map((n) => `${quote(n)}:${serialize(o.get(n), level + 1, depth)}`)
    .join(',')}}`
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

function quote(s: string): string {
  let out = '"'
  for (const c of s) {
    const code = c.charCodeAt(0)
    if (ESCAPES[c]) out += ESCAPES[c]
    else if (code < 0x20 || c === '<' || c === '>' || c === '&' || c === "'")
      out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += c
  }
  return `${out}"`
}

/** 5.1's pretty printer, walking the compact text character by character. */
class Pretty {
  private out = ''
  constructor(private readonly json: string) {}

  run(): string {
    if (this.json.startsWith('{')) {
      this.out = '{'
      this.dict(1, '', 0)
    } else if (this.json.startsWith('[')) {
      this.out = '['
      this.list(1, '', 0)
    } else return this.json
    return this.out
  }

  /** An object's members; `extra` is the width of the key that opened it. Returns the '}' index. */
  private dict(i: number, pad: string, extra: number): number {
    this.out += '\n'
    const inner = pad + ' '.repeat(extra) + '    '
    let beforeKey = true
    let keyWidth = 0
    for (; i < this.json.length; i++) {
      const c = this.json[i]!
      if (c === '{') {
        this.out += c
        i = this.dict(i + 1, inner, keyWidth)
      } else if (c === '[') {
        this.out += c
        i = this.list(i + 1, inner, keyWidth)
      } else if (c === '}') {
        this.out += `\n${pad}${' '.repeat(extra)}}`
        return i
      } else if (c === '"') {
        if (beforeKey) this.out += inner
        const start = this.out.length
        this.out += c
        i = this.quoted(i + 1)
        if (beforeKey) keyWidth = this.out.length - start
        beforeKey = false
      } else if (c === ':') {
        this.out += ':  '
        keyWidth += 3
      } else if (c === ',') {
        this.out += ',\n'
        beforeKey = true
      } else this.out += c
    }
    return this.json.length - 1
  }

  private list(i: number, pad: string, extra: number): number {
    this.out += '\n'
    const inner = pad + ' '.repeat(extra) + '    '
    let head = true
    for (; i < this.json.length; i++) {
      const c = this.json[i]!
      if (c === '{' || c === '[') {
        this.out += inner + c
        i = c === '{' ? this.dict(i + 1, inner, 0) : this.list(i + 1, inner, 0)
        head = false
      } else if (c === ']') {
        this.out += `\n${pad}${' '.repeat(extra)}]`
        return i
      } else if (c === ',') {
        this.out += ',\n'
        head = true
      } else {
        if (head) this.out += inner
        this.out += c
        if (c === '"') i = this.quoted(i + 1)
        head = false
      }
    }
    return this.json.length - 1
  }

  /** Copies a string body up to and including its closing quote; returns that quote's index. */
  private quoted(i: number): number {
    for (; i < this.json.length; i++) {
      const c = this.json[i]!
      this.out += c
      if (c === '\\') {
        this.out += this.json[++i] ?? ''
      } else if (c === '"') return i
    }
    return i
  }
}
