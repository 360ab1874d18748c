import { KUBE_EVENTS_PER_CLUSTER } from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import { kubeGroupKeys, listKube } from '@shared/kube'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { Rng } from '../core/rng'
import type { LabState } from '../core/state'
import { Tx } from '../core/tx'
import { recordEvent } from './events'
import { kubeTime, listObjects } from './store'

type StoredEvent = Event & KubeObject

/**
 * The plain way the event log must match: every event written to an ordered table at once, the same
 * occurrence counted up and moved to the end, the oldest pruned beyond the bound, names and uids
 * drawn in the same order.
 */
function reference(start: StoredEvent[], rng: Rng, rv: number) {
  const table = new Map(start.map((e) => [e.metadata.name, e]))
  return {
    table,
    rv: () => rv,
    record(o: KubeObject, reason: string, message: string, now: number, host?: string) {
      const time = kubeTime(now)
      const source = host ? { component: 'kubelet', host } : { component: 'kubelet' }
      const name = `${o.metadata.name}.${rng.hex(16)}`
      const involvedObject = {
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
      }
      const same = [...table.values()].find(
        (e) =>
          e.involvedObject.uid === o.metadata.uid &&
          e.reason === reason &&
          e.message === message &&
          e.source?.host === source.host,
      )
      if (same) {
        table.delete(same.metadata.name)
        table.set(same.metadata.name, {
          ...same,
          metadata: { ...same.metadata, resourceVersion: String(++rv) },
          involvedObject,
          count: same.count! + 1,
          lastTimestamp: time,
        })
      } else {
        const uid = rng.guid()
        table.set(name, {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: {
            name,
            namespace: o.metadata.namespace ?? 'default',
            uid,
            creationTimestamp: time,
            resourceVersion: String(++rv),
          },
          involvedObject,
          reason,
          message,
          source,
          firstTimestamp: time,
          lastTimestamp: time,
          count: 1,
          type: 'Normal',
          reportingComponent: '',
          reportingInstance: '',
        })
      }
      while (table.size > KUBE_EVENTS_PER_CLUSTER) table.delete(table.keys().next().value!)
    },
  }
}

/** A cluster, six of its pods to record events about, and its Event table as stored. */
function clusterWithPods() {
  const lab = withCluster('demo', 1)
  const id = clusterOf(lab, 'demo').id
  const state = lab.state as LabState
  const pods = listKube<Pod & KubeObject>(state, id, { kind: 'Pod' }).slice(0, 6)
  const eventsOf = () =>
    [...(kubeGroupKeys(state.kube, id, 'Event') ?? [])].map((k) => state.kube[k] as StoredEvent)
  return { id, state, pods, eventsOf }
}

describe('the event log', () => {
  it('leaves the table as writing every event would: merges, pruning, names, uids and resourceVersions', () => {
    const { id, state, pods, eventsOf } = clusterWithPods()
    const rng = new Rng([...state.rng])
    const ref = reference(eventsOf(), rng, state.aksClusters[id]!.resourceVersion)
    // Two transactions, so the second starts from a table the first flushed; each writes enough for
    // the log to compact its order of writes.
    for (const round of [0, 1]) {
      const tx = new Tx(state)
      for (let i = 0; i < 5200; i++) {
        const pod = pods[i % pods.length]!
        // Every third occurrence repeats one seen before on the same pod: it counts up.
        const message = i % 3 === 0 ? `again ${i % 4}` : `event ${round}-${i}`
        const host = i % 5 === 0 ? 'moc-node' : undefined
        recordEvent(
          tx,
          id,
          pod,
          'Testing',
          message,
          host ? { component: 'kubelet', host } : { component: 'kubelet' },
        )
        ref.record(pod, 'Testing', message, tx.now, host)
      }
      tx.flush()
      const got = eventsOf()
      expect(got.length).toBe(KUBE_EVENTS_PER_CLUSTER)
      expect(got).toEqual([...ref.table.values()])
      expect(got.some((e) => e.count! > 1)).toBe(true)
      expect(state.rng).toEqual(rng.state)
      expect(state.aksClusters[id]!.resourceVersion).toBe(ref.rv())
    }
  })
})

describe('the event log in units of work', () => {
  it('takes back what a failed unit recorded (new events, counts, pruning, a flush) and nothing else', () => {
    const { id, state, pods, eventsOf } = clusterWithPods()
    const rng = new Rng([...state.rng])
    const ref = reference(eventsOf(), rng, 0)
    const tx = new Tx(state, { undoable: false })
    const record = (i: number, round: string) => {
      const pod = pods[i % pods.length]!
      const message = i % 3 === 0 ? `again ${i % 4}` : `event ${round}-${i}`
      recordEvent(tx, id, pod, 'Testing', message, { component: 'kubelet' })
      return { pod, message }
    }
    for (let i = 0; i < 5200; i++) {
      if (i % 7 === 0) {
        const failed = tx.attempt(() => {
          // Enough to prune and count up; every 70th also reads the events back (a flush) first.
          if (i % 70 === 0) listObjects(tx, id, { kind: 'Event' })
          for (let k = 0; k < 1 + (i % 3); k++) record(i + k, 'failed')
          throw new Error('undone')
        })
        expect(failed.ok).toBe(false)
      }
      let kept: { pod: KubeObject; message: string } | undefined
      expect(tx.attempt(() => void (kept = record(i, 'kept'))).ok).toBe(true)
      ref.record(kept!.pod, 'Testing', kept!.message, tx.now)
    }
    tx.flush()
    const withoutVersions = (events: StoredEvent[]) =>
      events.map((e) => ({ ...e, metadata: { ...e.metadata, resourceVersion: undefined } }))
    expect(withoutVersions(eventsOf())).toEqual(withoutVersions([...ref.table.values()]))
    expect(state.rng).toEqual(rng.state)
  })
})
