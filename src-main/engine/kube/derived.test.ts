import { afterEach, describe, expect, it } from 'vitest'
import type { Event } from 'kubernetes-types/core/v1'
import { listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { Lab } from '../lab'
import { fullReconcile } from './derived'
import { advance, apply, deployment } from './kube-testkit'

// The controllers visit only what changed (derived.ts's dirt). These tests hold them to the result
// of visiting everything on every pass, step by step through a story that touches every controller.

const MIN = 60_000
const deploy = deployment
const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: db, image: 'nginx:1.21', volumeMounts: [{name: data, mountPath: /data}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`
const service = `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
`
const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - {name: agent, image: 'busybox:1.35', command: [sleep, '3600']}
`

function story(): { step: string; run: (lab: Lab) => void }[] {
  const scale = (kind: string, name: string, replicas: number) => (lab: Lab) =>
    ok(lab, { type: 'kube.scale', cluster: 'demo', namespace: 'default', kind, name, replicas })
  const del = (kind: string, name: string) => (lab: Lab) =>
    ok(lab, { type: 'kube.delete', cluster: 'demo', namespace: 'default', kind, name })
  const pool = (count: number) => (lab: Lab) =>
    ok(lab, {
      type: 'aks.nodepool.scale',
      clusterName: 'demo',
      name: clusterOf(lab, 'demo').nodePools[0]!.name,
      count,
    })
  const tick = (lab: Lab) => advance(lab, 20_000)
  return [
    { step: 'deploy web', run: (lab) => apply(lab, deploy('web', 'nginx:1.21', 3)) },
    { step: 'a minute', run: (lab) => advance(lab, MIN) },
    {
      step: 'statefulset, service, daemonset',
      run: (lab) => apply(lab, statefulSet + '---\n' + service + '---\n' + daemonSet),
    },
    ...Array.from({ length: 6 }, () => ({ step: '20 s', run: tick })),
    { step: 'scale web to 6', run: scale('deployment', 'web', 6) },
    {
      step: 'a broken image and a crashing one',
      run: (lab) =>
        apply(
          lab,
          deploy('win', 'mcr.microsoft.com/windows/servercore:ltsc2019', 1) +
            '---\n' +
            deploy('crash', 'busybox:1.35', 2),
        ),
    },
    {
      step: 'one per node (required anti-affinity), one more than nodes',
      run: (lab) =>
        apply(
          lab,
          deploy(
            'spread',
            'nginx:1.21',
            3,
            '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: spread}}}\n',
          ),
        ),
    },
    {
      step: 'too big to fit',
      run: (lab) => apply(lab, deploy('big', 'nginx:1.21', 2, '      nodeSelector: {disk: ssd}\n')),
    },
    {
      step: 'a job of 3 completions, 2 at a time, and one that fails',
      run: (lab) =>
        apply(
          lab,
          ['ok', 'bad']
            .map(
              (name) =>
                `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  completions: 3\n  parallelism: 2\n  backoffLimit: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: 'busybox:1.35', command: [sh, -c, '${name === 'ok' ? 'sleep 30' : 'exit 2'}']}\n`,
            )
            .join('---\n'),
        ),
    },
    { step: 'five minutes', run: (lab) => advance(lab, 5 * MIN) },
    { step: 'roll web out to a new image', run: (lab) => apply(lab, deploy('web', 'nginx:1.22', 6)) },
    ...Array.from({ length: 9 }, () => ({ step: '20 s', run: tick })),
    {
      step: 'delete a pod',
      run: (lab) =>
        del(
          'pod',
          listKube<Event>(lab.state, clusterOf(lab, 'demo').id, {
            kind: 'Pod',
            namespace: 'default',
            selector: { app: 'web' },
          })[0]!.metadata!.name!,
        )(lab),
    },
    { step: 'scale the statefulset down', run: scale('statefulset', 'db', 1) },
    { step: 'a minute', run: (lab) => advance(lab, MIN) },
    { step: 'one more worker', run: pool(3) },
    { step: 'twenty minutes', run: (lab) => advance(lab, 20 * MIN) },
    { step: 'one worker fewer', run: pool(1) },
    { step: 'twenty minutes', run: (lab) => advance(lab, 20 * MIN) },
    { step: 'delete the deployment', run: del('deployment', 'web') },
    { step: 'a minute', run: (lab) => advance(lab, MIN) },
  ]
}

afterEach(() => {
  fullReconcile.on = false
})

describe('change-driven reconcile', () => {
  it('gives the lab a full reconcile on every pass gives, after every step of a story', () => {
    const changeDriven = withCluster('demo', 2)
    fullReconcile.on = true
    const full = withCluster('demo', 2)
    fullReconcile.on = false
    expect(changeDriven.hash()).toBe(full.hash())
    for (const { step, run } of story()) {
      run(changeDriven)
      fullReconcile.on = true
      run(full)
      fullReconcile.on = false
      expect(changeDriven.hash(), step).toBe(full.hash())
    }
    const id = clusterOf(full, 'demo').id
    // The story reached what it meant to: the states compared were not trivially empty.
    const events = listKube<Event>(full.state, id, { kind: 'Event', namespace: 'default' })
    expect(events.some((e) => e.reason === 'BackOff' && e.count! > 1)).toBe(true)
    expect(events.some((e) => e.reason === 'FailedScheduling')).toBe(true)
    expect(events.some((e) => e.message!.includes("didn't match pod anti-affinity rules"))).toBe(true)
  })

  it('gives a lab just loaded (indexes built anew) the same next minute as the live one', () => {
    const live = withCluster('demo', 2)
    for (const { run } of story().slice(0, 12)) run(live)
    const loaded = Lab.fromState(live.snapshot())
    advance(live, MIN)
    advance(loaded, MIN)
    expect(loaded.hash()).toBe(live.hash())
  })
})

describe('events', () => {
  it('count up when the same thing happens again, as the event recorder aggregates them', () => {
    const lab = withCluster('demo', 1)
    apply(lab, deploy('crash', 'busybox:1.35', 1))
    advance(lab, 10 * MIN)
    const id = clusterOf(lab, 'demo').id
    const backOff = listKube<Event>(lab.state, id, { kind: 'Event', namespace: 'default' }).filter(
      (e) => e.reason === 'BackOff',
    )
    expect(backOff).toHaveLength(1)
    expect(backOff[0]!.count).toBeGreaterThan(3)
    expect(backOff[0]!.lastTimestamp! > backOff[0]!.firstTimestamp!).toBe(true)
  })
})
