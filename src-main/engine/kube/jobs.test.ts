import { describe, expect, it } from 'vitest'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { listKube } from '@shared/kube'
import { commandRun } from '@shared/kube-commands'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { advance, apply, deployment } from './kube-testkit'

const job = (name: string, command: string, policy = 'Never', spec = '') => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}  template:
    spec:
      restartPolicy: ${policy}
      containers:
      - {name: ${name}, image: 'busybox:1.35', command: ${command}}
`

function read(lab: ReturnType<typeof withCluster>) {
  const id = clusterOf(lab, 'demo').id
  const pods = listKube<Pod>(lab.state, id, { kind: 'Pod', namespace: 'default' })
  const jobs = listKube<Job>(lab.state, id, { kind: 'Job', namespace: 'default' })
  const events = listKube<Event>(lab.state, id, { kind: 'Event', namespace: 'default' })
  return { pods, jobs, events }
}

describe('container commands', () => {
  it('knows sleep, echo, true/false, exit and sh -c scripts; anything else runs on', () => {
    expect(commandRun({ command: ['sleep', '30'] })).toEqual({ runsMs: 30_000, exitCode: 0, output: [] })
    expect(commandRun({ command: ['echo', 'hello', 'world'] })).toEqual({
      runsMs: 1000,
      exitCode: 0,
      output: ['hello world'],
    })
    expect(commandRun({ command: ['sh', '-c', 'echo start; sleep 5 && false'] })).toEqual({
      runsMs: 5000,
      exitCode: 1,
      output: ['start'],
    })
    expect(commandRun({ command: ['sh', '-c', 'exit 3'] })?.exitCode).toBe(3)
    expect(commandRun({ command: ['sleep', 'infinity'] })).toBeNull()
    expect(commandRun({ command: ['nginx', '-g', 'daemon off;'] })).toBeNull()
  })
})

describe('the Job controller', () => {
  it('defaults the selector and labels, runs the pod to completion and completes', () => {
    const lab = withCluster('demo', 1)
    apply(lab, job('hello', '[echo, hi]'))
    const created = read(lab).jobs[0]!
    const uid = created.metadata!.uid!
    expect(created.spec!.selector).toEqual({ matchLabels: { 'controller-uid': uid } })
    expect(created.spec!.template.metadata!.labels).toEqual({ 'controller-uid': uid, 'job-name': 'hello' })
    expect(created.spec!.backoffLimit).toBe(6)
    advance(lab, 2 * 60_000)
    const { pods, jobs, events } = read(lab)
    expect(pods).toHaveLength(1)
    expect(pods[0]!.metadata!.name).toMatch(/^hello-[a-z0-9]{5}$/)
    expect(pods[0]!.status!.phase).toBe('Succeeded')
    expect(pods[0]!.status!.containerStatuses![0]!.state!.terminated).toMatchObject({
      reason: 'Completed',
      exitCode: 0,
    })
    const status = jobs[0]!.status!
    expect(status).toMatchObject({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })
    expect(status.active).toBeUndefined()
    expect(status.completionTime).toBeDefined()
    const reasons = events.filter((e) => e.involvedObject.kind === 'Job').map((e) => e.reason)
    expect(reasons.sort()).toEqual(['Completed', 'SuccessfulCreate'])
  })

  it('runs parallelism pods at a time until completions succeeded', () => {
    const lab = withCluster('demo', 2)
    apply(lab, job('batch', '[sleep, "20"]', 'Never', '  completions: 4\n  parallelism: 2\n'))
    advance(lab, 45_000)
    expect(read(lab).jobs[0]!.status!.active).toBe(2)
    advance(lab, 5 * 60_000)
    const { pods, jobs } = read(lab)
    expect(pods.map((p) => p.status!.phase)).toEqual(Array(4).fill('Succeeded'))
    expect(jobs[0]!.status).toMatchObject({ succeeded: 4, conditions: [{ type: 'Complete' }] })
  })

  it('counts failed pods against backoffLimit, then fails with BackoffLimitExceeded', () => {
    const lab = withCluster('demo', 1)
    apply(lab, job('bad', '[sh, -c, "exit 1"]', 'Never', '  backoffLimit: 2\n'))
    advance(lab, 10 * 60_000)
    const { pods, jobs } = read(lab)
    expect(pods).toHaveLength(3)
    expect(pods.every((p) => p.status!.phase === 'Failed')).toBe(true)
    expect(pods[0]!.status!.containerStatuses![0]!.state!.terminated).toMatchObject({
      reason: 'Error',
      exitCode: 1,
    })
    expect(jobs[0]!.status).toMatchObject({
      failed: 3,
      conditions: [{ type: 'Failed', reason: 'BackoffLimitExceeded' }],
    })
  })

  it('restarts a failing container in place with OnFailure', () => {
    const lab = withCluster('demo', 1)
    apply(lab, job('retry', '[sh, -c, "false"]', 'OnFailure', '  backoffLimit: 1\n'))
    advance(lab, 10 * 60_000)
    const { pods, jobs } = read(lab)
    expect(jobs[0]!.status!.conditions![0]).toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded' })
    expect(pods.length).toBeLessThanOrEqual(1) // the running pod is deleted when the Job fails
  })

  it('rejects restartPolicy Always (the default) as the API server does', () => {
    const lab = withCluster('demo', 1)
    const manifest = job('x', '[echo, hi]').replace('      restartPolicy: Never\n', '')
    // The only document is refused: the command fails as a whole, with its text.
    const r = lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply', namespace: null })
    expect(r.ok ? null : r.error.message).toBe(
      'The Job "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    )
  })

  it('keeps restartPolicy Always as it was: echo restarts into CrashLoopBackOff, sleep N runs on', () => {
    const lab = withCluster('demo', 1)
    apply(lab, deployment('loop', 'busybox:1.35', 1, ''))
    apply(
      lab,
      deployment('echo', 'busybox:1.35', 1).replace(
        "image: 'busybox:1.35'}",
        "image: 'busybox:1.35', command: [echo, hi]}",
      ),
    )
    apply(
      lab,
      deployment('nap', 'busybox:1.35', 1).replace(
        "image: 'busybox:1.35'}",
        "image: 'busybox:1.35', command: [sleep, '60']}",
      ),
    )
    advance(lab, 5 * 60_000)
    const byApp = (app: string) => read(lab).pods.find((p) => p.metadata!.name!.startsWith(`${app}-`))!
    for (const app of ['loop', 'echo']) {
      const s = byApp(app).status!.containerStatuses![0]!
      expect(s.state!.waiting!.reason).toBe('CrashLoopBackOff')
      expect(s.lastState!.terminated!.reason).toBe('Completed')
    }
    expect(byApp('nap').status!.containerStatuses![0]!.state!.running).toBeDefined()
  })

  it('deletes its pods with it (garbage collection)', () => {
    const lab = withCluster('demo', 1)
    apply(lab, job('gone', '[echo, hi]'))
    advance(lab, 2 * 60_000)
    expect(read(lab).pods).toHaveLength(1)
    ok(lab, { type: 'kube.delete', cluster: 'demo', kind: 'Job', name: 'gone', namespace: 'default' })
    expect(read(lab).pods).toHaveLength(0)
  })
})
