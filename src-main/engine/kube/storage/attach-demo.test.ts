import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { listKube } from '@shared/kube'
import { demoLogLine, listPodDir, podLogs, readPodFile } from '@shared/kube-storage'
import type { Pod } from 'kubernetes-types/core/v1'
import { ok } from '../../aks/testkit'
import { deleteObject, getObject } from '../store'
import { podVolumesReady } from './attach'
import { cid, claim, demoPod, eventsOf, inTx, put, pvcOf, setup, workers } from './testkit'

const MIN = 60_000

describe('attach and detach (RWO disks)', () => {
  const { lab, id } = setup(2)
  const [w1, w2] = workers(lab, id) as [string, string]
  inTx(lab, id, (tx) => put(tx, id, claim('myvolumeclaim', '1Gi')))
  ok(lab, { type: 'clock.advance', ms: 5000 })
  const ready = (name: string) =>
    inTx(lab, id, (tx) =>
      podVolumesReady(tx, id, getObject<Pod & KubeObject>(tx, id, 'Pod', 'default', name)!),
    )

  it('attaches the volume to the first pod’s node as a VolumeAttachment', () => {
    inTx(lab, id, (tx) => put(tx, id, demoPod('one', 'myvolumeclaim', w1)))
    expect(ready('one')).toEqual({ ready: true })
    const va = listKube<KubeObject & { spec: { nodeName: string } }>(lab.state, id, {
      kind: 'VolumeAttachment',
    })
    expect(va).toHaveLength(1)
    expect(va[0]!.metadata.name).toMatch(/^csi-[0-9a-f]{32}$/)
    expect(va[0]!.spec.nodeName).toBe(w1)
  })

  it('a pod on another node waits with the Multi-Attach error: one event, counting up', () => {
    inTx(lab, id, (tx) => put(tx, id, demoPod('two', 'myvolumeclaim', w2)))
    const pvName = pvcOf(lab, id, 'myvolumeclaim').spec!.volumeName!
    const message = `Multi-Attach error for volume "${pvName}" Volume is already exclusively attached to one node and can't be attached to another`
    expect(ready('two')).toEqual({ ready: false, reason: 'FailedAttachVolume', message })
    ready('two')
    const uid = lab.state.kube[`${id}/Pod/default/two`]!.metadata.uid
    const events = eventsOf(lab, id, uid)
    expect(events.map((e) => [e.reason, e.type, e.source!.component, e.message, e.count])).toEqual([
      ['FailedAttachVolume', 'Warning', 'attachdetach-controller', message, 2],
    ])
  })

  it('once the first pod is gone, the volume detaches and follows the second pod', () => {
    inTx(lab, id, (tx) => deleteObject(tx, id, 'Pod', 'default', 'one'))
    expect(listKube(lab.state, id, { kind: 'VolumeAttachment' })).toHaveLength(0)
    expect(ready('two')).toEqual({ ready: true })
    const va = listKube<KubeObject & { spec: { nodeName: string } }>(lab.state, id, {
      kind: 'VolumeAttachment',
    })
    expect(va.map((a) => a.spec.nodeName)).toEqual([w2])
  })
})

describe('the demo app writes its log into the volume', () => {
  const { lab, id } = setup()
  const [w1] = workers(lab, id) as [string]
  inTx(lab, id, (tx) => put(tx, id, claim('myvolumeclaim', '1Gi')))
  ok(lab, { type: 'clock.advance', ms: 5000 })
  const a = cid('e5809e63', 'ca54e26e')
  const started = lab.now + 7000 // not on the minute
  const next = (Math.floor(started / MIN) + 1) * MIN
  inTx(lab, id, (tx) => put(tx, id, demoPod('demo1', 'myvolumeclaim', w1, started, a)))
  ok(lab, { type: 'clock.advance', ms: next + 4 * MIN + 30_000 - lab.now })
  const pvName = pvcOf(lab, id, 'myvolumeclaim').spec!.volumeName!

  it('a line a minute on the minute, from 0 minutes', () => {
    const text = readPodFile(lab.state, id, 'demo1', 'default', '../storage/log.txt')!
    const expected = [0, 1, 2, 3, 4].map((n) => demoLogLine(next + n * MIN, a, n))
    expect(text).toBe(expected.map((l) => `${l}\n`).join(''))
    expect(expected[0]).toMatch(
      /^\[\d\d:\d\d:00 [AP]M\] Hello from container e5809e63\.\.\.ca54e26e! Running for 0 minutes\.$/,
    )
    expect(podLogs(lab.state, id, 'demo1', 'default')).toBe(text)
    expect(listPodDir(lab.state, id, 'demo1', 'default', '/storage')).toEqual(['log.txt', 'lost+found'])
    expect(readPodFile(lab.state, id, 'demo1', 'default', '/storage/nope.txt')).toBeNull()
  })

  it('the writes take a 32 MiB VHDX block (in the ledger)', () => {
    const file = Object.values(lab.state.files).find((f) => f.owner.id === pvName)!
    expect(file.allocatedBytes).toBe(4 * 1024 ** 2 + 32 * 1024 ** 2)
  })

  it('demo formats the clock as hh:mm:ss AM/PM in UTC', () => {
    expect(demoLogLine(Date.UTC(2020, 8, 22, 9, 51), a, 0)).toBe(
      '[09:51:00 AM] Hello from container e5809e63...ca54e26e! Running for 0 minutes.',
    )
    expect(demoLogLine(Date.UTC(2020, 8, 22, 12, 5), a, 3)).toContain('[12:05:00 PM]')
    expect(demoLogLine(Date.UTC(2020, 8, 22, 0, 5), a, 3)).toContain('[12:05:00 AM]')
  })

  it('the content survives the pod: a new pod on the same claim appends to the same file', () => {
    inTx(lab, id, (tx) => deleteObject(tx, id, 'Pod', 'default', 'demo1'))
    const b = cid('735613d8', '8d3f6a82')
    const c = cid('03e68cc2', '9369d18d')
    const restart = lab.now
    inTx(lab, id, (tx) => {
      put(tx, id, demoPod('demo2-a', 'myvolumeclaim', w1, restart, b))
      put(tx, id, demoPod('demo2-b', 'myvolumeclaim', w1, restart + 1000, c))
    })
    ok(lab, { type: 'clock.advance', ms: 2 * MIN })
    const t = (Math.floor(restart / MIN) + 1) * MIN
    const lines = readPodFile(lab.state, id, 'demo2-a', 'default', '/storage/log.txt')!.trimEnd().split('\n')
    expect(lines).toHaveLength(9)
    expect(lines.slice(5)).toEqual([
      demoLogLine(t, b, 0),
      demoLogLine(t, c, 0),
      demoLogLine(t + MIN, b, 1),
      demoLogLine(t + MIN, c, 1),
    ])
    expect(podLogs(lab.state, id, 'demo2-b', 'default')).toBe(
      `${demoLogLine(t, c, 0)}\n${demoLogLine(t + MIN, c, 1)}\n`,
    )
  })
})
