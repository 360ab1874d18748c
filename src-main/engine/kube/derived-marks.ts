import type { ClusterIndex } from './derived'

// Marking what a write changed, in the pending dirt and, during a pass, in the pass's too; and the
// small map helpers the indexes share.

export type Flag = 'nodes' | 'kick' | 'kickAffinity' | 'services' | 'storage'

export function mark(index: ClusterIndex, flag: Flag): void {
  index.dirt[flag] = true
  if (index.pass) index.pass[flag] = true
}

export function markOwner(index: ClusterIndex, uid: string): void {
  index.dirt.owners.add(uid)
  index.pass?.owners.add(uid)
}

export function markStorage(
  index: ClusterIndex,
  set: 'claims' | 'volumes' | 'endpoints',
  name: string,
): void {
  index.dirt[set].add(name)
  index.pass?.[set].add(name)
}

export function markNewPod(index: ClusterIndex, key: string, created: boolean): void {
  for (const dirt of index.pass ? [index.dirt, index.pass] : [index.dirt])
    if (created) dirt.newPods.add(key)
    else dirt.newPods.delete(key)
}

export function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  let set = map.get(k)
  if (!set) map.set(k, (set = new Set()))
  set.add(v)
}

export function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k)
  if (!set) return
  set.delete(v)
  if (set.size === 0) map.delete(k)
}

export function tally<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by
  if (n > 0) map.set(key, n)
  else map.delete(key)
}
