import type { Node } from 'kubernetes-types/core/v1'
import type { ClusterIndex } from './derived'
import { isControlPlane, type Stored } from './objects'

// The nodes in the order the scheduler prefers them: least loaded (fewest pods) first, control
// planes before workers on a tie, then as listed. The first that takes a pod is the one a scan of
// every node would pick; kept sorted as pods come and go (derived.ts notes whose load moved), so
// placing a pod does not weigh all 200 nodes.

export interface LoadOrder {
  list: readonly Stored<Node>[] // the node list it was built from (a new list: rebuilt)
  listed: Map<string, number> // node name → position in the list
  controlPlane: Set<string>
  order: Stored<Node>[]
}

const loadOf = (index: ClusterIndex, name: string) => index.usage.get(name)?.pods ?? 0

function before(index: ClusterIndex, o: LoadOrder, a: string, b: string): number {
  return (
    loadOf(index, a) - loadOf(index, b) ||
    Number(o.controlPlane.has(b)) - Number(o.controlPlane.has(a)) ||
    o.listed.get(a)! - o.listed.get(b)!
  )
}

/** The cluster's nodes, most preferred first (see above). */
export function nodesByLoad(index: ClusterIndex, list: readonly Stored<Node>[]): readonly Stored<Node>[] {
  let o = index.loadOrder
  if (!o || o.list !== list) {
    const built: LoadOrder = {
      list,
      listed: new Map(list.map((n, i) => [n.metadata.name, i])),
      controlPlane: new Set(list.filter(isControlPlane).map((n) => n.metadata.name)),
      order: [],
    }
    built.order = [...list].sort((a, b) => before(index, built, a.metadata.name, b.metadata.name))
    index.loadOrder = o = built
  } else
    for (const name of index.loadMoved) {
      const from = o.order.findIndex((n) => n.metadata.name === name)
      if (from < 0) continue
      const [node] = o.order.splice(from, 1)
      let lo = 0
      let hi = o.order.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (before(index, o, o.order[mid]!.metadata.name, name) < 0) lo = mid + 1
        else hi = mid
      }
      o.order.splice(lo, 0, node!)
    }
  index.loadMoved.clear()
  return o.order
}
