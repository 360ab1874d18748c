import type { KubeObject } from '@shared/contract'
import { Document, visit } from 'yaml'
import { NativeError } from '../errors'
import { labelsOf, formatLabels } from '@shared/kube-fields'
import { PRINTERS } from './printers'
import { qualifiedName, type ResourceType } from './resources'
import { tabulate } from './table'

// kubectl get's printers: tables (default, wide, --show-labels, -A), -o name, -o yaml, -o json,
// -o jsonpath=TEMPLATE (jsonpath.ts).

export const OUTPUT_FORMATS = ['', 'wide', 'name', 'yaml', 'json', 'jsonpath'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** -o FORMAT or -o jsonpath=TEMPLATE (also `jsonpath='…'`, as a shell would leave it in PowerShell). */
export function outputFormat(text: string | undefined): { format: OutputFormat; template: string } {
  const f = text ?? ''
  const m = /^jsonpath(?:=(.*))?$/s.exec(f)
  if (m) {
    const template = (m[1] ?? '').replace(/^'(.*)'$/s, '$1')
    if (template === '') throw new NativeError(['error: template format specified but no template given'])
    return { format: 'jsonpath', template }
  }
  if ((OUTPUT_FORMATS as readonly string[]).includes(f)) return { format: f as OutputFormat, template: '' }
  throw new NativeError([
    `error: unable to match a printer suitable for the output format "${f}", allowed formats are: ` +
      'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
  ])
}

export interface TableOptions {
  wide: boolean
  allNamespaces: boolean
  showLabels: boolean
  showKind: boolean
  noHeaders: boolean
}

export function printTable(
  type: ResourceType,
  objects: KubeObject[],
  now: number,
  o: TableOptions,
): string[] {
  const printer = PRINTERS[type.kind]!
  const keep = printer.columns.map((_, i) => o.wide || !printer.wide.includes(i))
  const pick = (cells: string[]) => cells.filter((_, i) => keep[i])
  const withNs = o.allNamespaces && type.namespaced
  const header = [
    ...(withNs ? ['NAMESPACE'] : []),
    ...pick(printer.columns),
    ...(o.showLabels ? ['LABELS'] : []),
  ]
  const rows = objects.map((obj) => {
    const cells = pick(printer.row(obj, now))
    if (o.showKind) cells[0] = `${qualifiedName(type)}/${cells[0]}`
    return [
      ...(withNs ? [obj.metadata.namespace ?? ''] : []),
      ...cells,
      ...(o.showLabels ? [formatLabels(labelsOf(obj))] : []),
    ]
  })
  return tabulate(o.noHeaders ? rows : [header, ...rows])
}

export function printNames(type: ResourceType, objects: KubeObject[]): string[] {
  return objects.map((o) => `${qualifiedName(type)}/${o.metadata.name}`)
}

/** The API's list envelope kubectl prints around several objects. */
export function asList(objects: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }
}

/** sigs.k8s.io/yaml output: sorted keys, unindented sequences, YAML 1.1 quoting (timestamps, "yes"). */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { sortMapEntries: true, version: '1.1' })
  visit(doc, {
    Scalar(_, node) {
      // Kubernetes quantities and other strings stay strings: quote only what YAML would misread.
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'BLOCK_LITERAL'
    },
  })
  return doc.toString({ indentSeq: false, lineWidth: 0 }).replace(/\n$/, '')
}

/** encoding/json with kubectl's 4-space indent; the objects keep their API field order. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 4)
}
