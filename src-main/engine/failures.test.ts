import { describe, expect, it } from 'vitest'
import { MAX_VIRTUAL_TIME } from '@shared/domain'
import type { LabState } from './core/state'
import { Tx } from './core/tx'
import { DEFAULT_HARDWARE } from './hci/build'
import { demoStory } from './console/kubectl/story'
import type { Pod } from 'kubernetes-types/core/v1'
import { guarded } from './failures'
import { recordEvent } from './kube/events'
import type { Stored } from './kube/objects'
import { listObjects, putObject } from './kube/store'
import { Lab } from './lab'

// Time is transactional: a scheduled step that throws is undone, a person sees a warning (a
// notification, and a Warning event on the object it was about), and time goes on. The failure is
// lab state like any other, so the same lab advanced again from the same state ends the same.

const claim = (size: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: plain
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
`

/** Records a live lab's accepted commands, to replay them on a copy of its starting state. */
function recorder(start: Lab) {
  const log: { at: number; command: unknown }[] = []
  const initial = start.snapshot()
  return {
    dispatch(lab: Lab, command: unknown) {
      const at = lab.now
      const result = lab.dispatch(command)
      if (result.ok) log.push({ at, command })
      return result
    },
    replay(): Lab {
      const lab = Lab.fromState(structuredClone(initial))
      for (const { at, command } of log) {
        lab.advanceTo(at)
        const result = lab.dispatch(command)
        if (!result.ok) throw new Error(result.error.message)
      }
      return lab
    },
  }
}

const warnings = (lab: Lab) =>
  Object.values(lab.state.tasks)
    .filter((t) => t.state === 'Warning')
    .map((t) => t.message)
    .join('\n')

describe('transactional time', () => {
  it('a scheduled step that throws is undone and shown as a warning, and time goes on', () => {
    const c = demoStory()
    const tx = new Tx(c.lab.state as LabState)
    tx.schedule(c.lab.now + 1000, 'no.such.kind', null)
    tx.schedule(c.lab.now + 2000, 'kube.pod.stage', null)
    tx.finish()
    const start = c.lab.snapshot()
    const from = c.lab.now
    expect(c.lab.dispatch({ type: 'clock.advance', ms: 120_000 }).ok).toBe(true)
    expect(c.lab.now).toBe(from + 120_000)
    expect(warnings(c.lab)).toContain(
      "The scheduled step 'no.such.kind' failed and was undone; the simulation goes on: no handler for scheduled events of kind 'no.such.kind'",
    )
    expect(warnings(c.lab)).toContain(
      "The scheduled step 'kube.pod.stage' failed and was undone; the simulation goes on: Cannot read properties of null",
    )
    // The demo app went on writing its log through the failures.
    expect(c.run('kubectl exec demo3-0 -- cat /storage/log.txt')).toContain('Running for 6 minutes')
    // The same state advanced the same way fails the same steps the same way.
    const again = Lab.fromState(start)
    again.advanceTo(from + 120_000)
    expect(again.hash()).toBe(c.lab.hash())
  })

  it("a controller's step that throws on one object is undone and leaves a Warning event on it", () => {
    const c = demoStory()
    const clusterId = Object.keys(c.lab.state.aksClusters)[0]!
    const tx = new Tx(c.lab.state as LabState, { undoable: false })
    const pod = listObjects<Stored<Pod>>(tx, clusterId, { kind: 'Pod', namespace: 'default' })[0]!
    const before = c.lab.hash()
    guarded(tx, clusterId, pod, 'test-controller', () => {
      putObject(tx, clusterId, { ...pod, metadata: { ...pod.metadata, labels: { changed: 'yes' } } })
      recordEvent(tx, clusterId, pod, 'Changed', 'a change that is taken back', { component: 'test' })
      throw new Error('the step broke')
    })
    tx.finish()
    expect(c.lab.hash()).not.toBe(before) // the warning is recorded…
    const events = c.run(`kubectl get events --field-selector involvedObject.name=${pod.metadata.name}`)
    expect(events).toMatch(
      new RegExp(
        `Warning +SimulationError +pod/${pod.metadata.name} +HCI Lab could not simulate this step, so it was undone: the step broke`,
      ),
    )
    expect(events).not.toContain('a change that is taken back') // …and the step's own writes are not
    expect(c.run(`kubectl get pod ${pod.metadata.name} --show-labels`)).not.toContain('changed=yes')
    expect(warnings(c.lab)).toContain(
      `test-controller's work on Pod default/${pod.metadata.name} failed and was undone`,
    )
  })

  it('a claim sized as a plain number does not poison the lab: time goes on, replay agrees', () => {
    const c = demoStory()
    const r = recorder(c.lab)
    const cluster = Object.values(c.lab.state.aksClusters)[0]!.name
    const apply = {
      type: 'kube.apply',
      cluster,
      manifest: claim('1073741824'),
      mode: 'apply',
      namespace: null,
    }
    expect(r.dispatch(c.lab, apply).ok).toBe(true)
    for (let i = 0; i < 3; i++) expect(r.dispatch(c.lab, { type: 'clock.advance', ms: 60_000 }).ok).toBe(true)
    const scale = {
      type: 'kube.scale',
      cluster,
      namespace: 'default',
      kind: 'Deployment',
      name: 'demo2',
      replicas: 3,
    }
    expect(r.dispatch(c.lab, scale).ok).toBe(true)
    expect(r.dispatch(c.lab, { type: 'clock.advance', ms: 120_000 }).ok).toBe(true)
    expect(c.run('kubectl get deployment demo2')).toMatch(/demo2\s+3\/3/)
    expect(r.replay().hash()).toBe(c.lab.hash())
  })

  it('the clock never moves past its last instant', () => {
    const fresh = Lab.create({ name: 'far', seed: 1, hardware: DEFAULT_HARDWARE })
    const lab = Lab.fromState({ ...fresh.snapshot(), clock: { now: MAX_VIRTUAL_TIME - 1000, speed: '1' } })
    const refused = lab.dispatch({ type: 'clock.advance', ms: 2000 })
    expect(refused).toMatchObject({ ok: false, error: { code: 'ClockLimit' } })
    expect(lab.now).toBe(MAX_VIRTUAL_TIME - 1000)
    lab.advanceTo(Number.MAX_SAFE_INTEGER)
    expect(lab.now).toBe(MAX_VIRTUAL_TIME)
  })
})
