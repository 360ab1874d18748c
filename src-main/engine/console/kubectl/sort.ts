import type { KubeObject } from '@shared/contract'
import { parseQuantity } from '@shared/kube-quantity'
import { NativeError } from '../errors'
import { evaluate, sortPath } from './jsonpath'

// kubectl get --sort-by (k8s.io/kubectl/pkg/cmd/get/sorter.go): the jsonpath's first value per
// object; numbers by value, strings that both parse as quantities by amount (100Gi > 2Gi), other
// strings in natural order (so RFC 3339 timestamps sort by time). Stable; objects without the
// field first. When no object has it: kubectl's "couldn't find any field" error.

/** resource.ParseQuantity's value, or null when `s` is not a quantity. */
export const quantity = (s: string): number | null => parseQuantity(s)

/** github.com/fvbommel/sortorder.NaturalLess. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0
  let j = 0
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
  while (i < a.length && j < b.length) {
    if (digit(a[i]) && digit(b[j])) {
      let ei = i
      let ej = j
      while (digit(a[ei])) ei++
      while (digit(b[ej])) ej++
      const na = a.slice(i, ei).replace(/^0+/, '')
      const nb = b.slice(j, ej).replace(/^0+/, '')
      if (na.length !== nb.length) return na.length < nb.length
      if (na !== nb) return na < nb
      if (ei - i !== ej - j) return ei - i < ej - j // fewer leading zeros first
      i = ei
      j = ej
    } else {
      if (a[i] !== b[j]) return a[i]! < b[j]!
      i++
      j++
    }
  }
  return a.length - i < b.length - j
}

function less(a: unknown, b: unknown): boolean {
  if (a === undefined) return b !== undefined
  if (b === undefined) return false
  if (typeof a === 'number' && typeof b === 'number') return a < b
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b
  if (typeof a === 'string' && typeof b === 'string') {
    const [qa, qb] = [quantity(a), quantity(b)]
    if (qa !== null && qb !== null) return qa < qb
    return naturalLess(a, b)
  }
  return naturalLess(JSON.stringify(a), JSON.stringify(b))
}

export function sortObjects(objects: KubeObject[], field: string): KubeObject[] {
  const { steps, shown } = sortPath(field)
  const keyed = objects.map((o, i) => ({ o, i, key: evaluate(steps, [o])[0] }))
  if (objects.length > 0 && keyed.every((k) => k.key === undefined))
    throw new NativeError([`error: couldn't find any field with path "${shown}" in the list of objects`])
  keyed.sort((x, y) => (less(x.key, y.key) ? -1 : less(y.key, x.key) ? 1 : x.i - y.i))
  return keyed.map((k) => k.o)
}
