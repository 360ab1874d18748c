import { hasWildcard, wildcardPattern } from '../wildcard'
import { count, limitError, MAX_OUTPUT_LENGTH } from '../limits'
import type { Registry } from '../registry'
import {
  cellText,
  FormattedOutput,
  PsHashtable,
  PsObject,
  ScriptBlock,
  toText,
  type PsValue,
} from '../values'
import { renderList } from './list'
import { renderTable, type TableColumn } from './table'

// From objects to text: Out-Default (what a statement's output looks like), and the tables and
// lists that Format-Table / Format-List build from a property list.

/** A property to show or select: a name, or a calculated @{Name=…; Expression=…}. */
export interface PropSpec {
  label: string
  get(o: PsValue): PsValue
}

export type BlockRunner = (block: ScriptBlock, item: PsValue) => PsValue[]

function propertyOf(o: PsValue, name: string): PsValue {
  return o instanceof PsObject ? o.get(name) : o instanceof PsHashtable ? (o.get(name) ?? null) : null
}

/** Expands a -Property list against the first object: wildcards, names, calculated properties. */
export function propSpecs(specs: PsValue[], first: PsValue, run: BlockRunner): PropSpec[] {
  const out: PropSpec[] = []
  const names = first instanceof PsObject ? first.names() : []
  for (const spec of specs) {
    if (spec instanceof PsHashtable) {
      const label = toText(spec.get('name') ?? spec.get('n') ?? spec.get('label') ?? spec.get('l') ?? null)
      const expr = spec.get('expression') ?? spec.get('e') ?? null
      out.push({ label: label || toText(expr), get: expressionGetter(expr, run) })
    } else if (spec instanceof ScriptBlock) {
      out.push({ label: spec.text.trim(), get: expressionGetter(spec, run) })
    } else {
      const name = toText(spec)
      if (hasWildcard(name)) {
        const re = wildcardPattern(name)
        for (const n of names.filter((x) => re.test(x))) out.push({ label: n, get: (o) => propertyOf(o, n) })
      } else {
        const canonical = names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? name
        out.push({ label: canonical, get: (o) => propertyOf(o, canonical) })
      }
    }
  }
  return out
}

function expressionGetter(expr: PsValue, run: BlockRunner): (o: PsValue) => PsValue {
  if (expr instanceof ScriptBlock)
    return (o) => {
      const out = run(expr, o)
      return out.length === 0 ? null : out.length === 1 ? out[0]! : out
    }
  const name = toText(expr)
  return (o) => propertyOf(o, name)
}

function allProps(o: PsValue): PropSpec[] {
  return o instanceof PsObject ? o.names().map((n) => ({ label: n, get: (x) => propertyOf(x, n) })) : []
}

/** Format-Table: the view's columns when no property list is given, else the properties' raw values. */
export function tableOf(
  objects: PsValue[],
  specs: PropSpec[] | null,
  registry: Registry,
  width: number,
  hideHeaders = false,
): string[] {
  const first = objects[0]
  const view = first instanceof PsObject && !specs ? registry.view(first.view) : undefined
  if (view) {
    const columns: TableColumn[] = view.columns.map((c) => ({
      label: c.label,
      align: c.align ?? 'left',
      ...(c.width ? { width: c.width } : {}),
    }))
    const rowOf = (o: PsValue) => view.columns.map((c) => (o instanceof PsObject ? c.value(o) : ''))
    const groupBy = view.groupBy
    if (!groupBy) return renderTable(columns, objects.map(rowOf), width, hideHeaders)
    // Grouped views (Get-ChildItem's "Directory:") put a header before each group's own table, two
    // blank lines either side (a table already ends with two).
    const out: string[] = ['', '']
    for (let i = 0; i < objects.length;) {
      const key = groupBy.value(objects[i] as PsObject)
      let j = i
      while (j < objects.length && groupBy.value(objects[j] as PsObject) === key) j++
      out.push(groupBy.header(key), '')
      out.push(...renderTable(columns, objects.slice(i, j).map(rowOf), width, hideHeaders))
      i = j
    }
    return out
  }
  const props = specs ?? allProps(first ?? null)
  const columns: TableColumn[] = props.map((p) => ({
    label: p.label,
    align: typeof p.get(first ?? null) === 'number' ? 'right' : 'left',
  }))
  const rows = objects.map((o) => props.map((p) => cellText(p.get(o))))
  return renderTable(columns, rows, width, hideHeaders)
}

/** Format-List: the given properties, else the view's list, else every property. */
export function listOf(
  objects: PsValue[],
  specs: PropSpec[] | null,
  registry: Registry,
  width: number,
): string[] {
  const entries = objects.map((o) => {
    let props = specs
    if (!props) {
      const view = o instanceof PsObject ? registry.view(o.view) : undefined
      props = view?.list
        ? view.list.map((n) => ({ label: n, get: (x: PsValue) => propertyOf(x, n) }))
        : allProps(o)
    }
    return props.map((p): [string, string] => [p.label, cellText(p.get(o))])
  })
  return renderList(entries, width)
}

function groupKey(o: PsObject): string {
  return o.view ? `view:${o.view}` : `type:${o.typeName}:${o.names().join(',')}`
}

/** What a statement prints: objects grouped by view into tables (or lists), values one per line. */
/**
 * Out-Default: each run of objects of one kind as its table or list, anything else as text. Stops
 * with the console's limit error once the text passes `limit` characters, before formatting the rest.
 */
export function outDefault(
  values: PsValue[],
  registry: Registry,
  width: number,
  limit = MAX_OUTPUT_LENGTH,
): string[] {
  const out: string[] = []
  let length = 0
  const add = (lines: string[]) => {
    for (const line of lines) {
      length += line.length + 1
      if (length > limit)
        throw limitError(
          `The output of this line is longer than HCI Lab's console shows (${count(MAX_OUTPUT_LENGTH)} ` +
            "characters). Show fewer objects: filter them with Where-Object, Select-Object -First or kubectl's --selector.",
        )
      out.push(line)
    }
  }
  for (let i = 0; i < values.length;) {
    const v = values[i]!
    if (v instanceof PsObject) {
      const key = groupKey(v)
      let j = i
      while (j < values.length && values[j] instanceof PsObject && groupKey(values[j] as PsObject) === key)
        j++
      const group = values.slice(i, j)
      const view = registry.view(v.view)
      if (view?.render) {
        add(group.flatMap((o) => view.render!(o as PsObject)))
        i = j
        continue
      }
      const useTable = view ? !view.listByDefault : v.names().length <= 4
      add(useTable ? tableOf(group, null, registry, width) : listOf(group, null, registry, width))
      i = j
      continue
    }
    i++
    if (v === null) continue
    if (v instanceof FormattedOutput) add(v.lines)
    else if (v instanceof PsHashtable) {
      const rows = [...v.entries.values()].map((e) => [e.key, cellText(e.value)])
      add(
        renderTable(
          [
            { label: 'Name', align: 'left' },
            { label: 'Value', align: 'left' },
          ],
          rows,
          width,
        ),
      )
    } else add(toText(v).split('\n'))
  }
  return out
}
