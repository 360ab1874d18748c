import { describe, expect, it } from 'vitest'
import type { Event, Node, Pod } from 'kubernetes-types/core/v1'
import { listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { ConsoleSession } from '../console/session'
import type { Lab } from '../lab'
import { advance, apply, deployment } from './kube-testkit'

// The scheduler's affinity plugins (scheduler-affinity.ts): required node affinity, required pod
// anti-affinity both ways, preferred terms as a score; placements and FailedScheduling texts.

const deploy = (name: string, replicas: number, spec = '') => deployment(name, 'nginx', replicas, spec)
const id = (lab: Lab) => clusterOf(lab, 'demo').id
const pods = (lab: Lab, app: string) =>
  listKube<Pod>(lab.state, id(lab), { kind: 'Pod', namespace: 'default', selector: { app } })
const workers = (lab: Lab) =>
  listKube<Node>(lab.state, id(lab), { kind: 'Node' })
    .map((n) => n.metadata!.name!)
    .filter((n) => !n.includes('control-plane'))
const label = (lab: Lab, node: string, labels: Record<string, string>) =>
  ok(lab, {
    type: 'kube.patch',
    cluster: 'demo',
    kind: 'node',
    name: node,
    patch: JSON.stringify({ metadata: { labels } }),
  })
const failedScheduling = (lab: Lab, pod: Pod) =>
  listKube<Event>(lab.state, id(lab), { kind: 'Event', namespace: 'default' })
    .filter((e) => e.involvedObject.name === pod.metadata!.name && e.reason === 'FailedScheduling')
    .at(-1)?.message
const nodeAffinity = (terms: string) => `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
${terms}`
const antiAffinity = (app: string) => `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: ${app}}}
            topologyKey: kubernetes.io/hostname
`
const TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/master: }'

describe('scheduler: node affinity', () => {
  it('places by required nodeSelectorTerms (In, Gt, matchFields ORed) and turns the rest down', () => {
    const lab = withCluster('demo', 3)
    const [w1, w2, w3] = workers(lab) as [string, string, string]
    label(lab, w1, { disk: 'ssd' })
    label(lab, w2, { cores: '8' })
    apply(
      lab,
      deploy(
        'ssd',
        3,
        nodeAffinity('            - matchExpressions: [{key: disk, operator: In, values: [ssd]}]\n'),
      ),
    )
    apply(
      lab,
      deploy(
        'big',
        2,
        nodeAffinity('            - matchExpressions: [{key: cores, operator: Gt, values: ["4"]}]\n'),
      ),
    )
    apply(
      lab,
      deploy(
        'named',
        1,
        nodeAffinity(
          '            - matchExpressions: [{key: disk, operator: In, values: [nvme]}]\n' +
            `            - matchFields: [{key: metadata.name, operator: In, values: [${w3}]}]\n`,
        ),
      ),
    )
    apply(
      lab,
      deploy(
        'nowhere',
        1,
        nodeAffinity(
          '            - matchExpressions: [{key: disk, operator: Exists}, {key: cores, operator: Lt, values: ["4"]}]\n',
        ),
      ),
    )
    advance(lab, 60_000)
    expect(pods(lab, 'ssd').map((p) => p.spec!.nodeName)).toEqual([w1, w1, w1])
    expect(pods(lab, 'big').map((p) => p.spec!.nodeName)).toEqual([w2, w2])
    expect(pods(lab, 'named').map((p) => p.spec!.nodeName)).toEqual([w3])
    const nowhere = pods(lab, 'nowhere')[0]!
    expect(nowhere.status!.phase).toBe('Pending')
    expect(failedScheduling(lab, nowhere)).toBe(
      `0/4 nodes are available: ${TAINT}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    )
    // A node relabelled to fit: the turned-down pod is retried and lands there.
    label(lab, w2, { disk: 'hdd', cores: '2' })
    advance(lab, 60_000)
    expect(pods(lab, 'nowhere')[0]!.spec!.nodeName).toBe(w2)
  })
})

describe('scheduler: pod anti-affinity', () => {
  it("spreads a deployment one pod per node and turns the extra one down with the plugin's reason", () => {
    const lab = withCluster('demo', 3)
    apply(lab, deploy('web', 4, antiAffinity('web')))
    advance(lab, 60_000)
    const web = pods(lab, 'web')
    const placed = web.filter((p) => p.spec!.nodeName)
    expect(new Set(placed.map((p) => p.spec!.nodeName)).size).toBe(3)
    expect(placed).toHaveLength(3)
    const pending = web.find((p) => !p.spec!.nodeName)!
    expect(failedScheduling(lab, pending)).toBe(
      `0/4 nodes are available: ${TAINT}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    )
  })

  it("keeps other pods off a node whose pod's anti-affinity selects them (symmetry), until that pod goes", () => {
    const lab = withCluster('demo', 3)
    apply(lab, deploy('db', 1, antiAffinity('cache')))
    advance(lab, 60_000)
    const dbNode = pods(lab, 'db')[0]!.spec!.nodeName!
    apply(lab, deploy('cache', 4))
    apply(lab, deploy('pinned', 1, `      nodeSelector: {kubernetes.io/hostname: ${dbNode}}\n`))
    // A pod labelled app: cache pinned to db's node has nowhere to go.
    apply(
      lab,
      `apiVersion: v1
kind: Pod
metadata: {name: stuck, labels: {app: cache}}
spec:
  nodeSelector: {kubernetes.io/hostname: ${dbNode}}
  containers: [{name: c, image: nginx}]
`,
    )
    advance(lab, 60_000)
    const cache = pods(lab, 'cache').filter((p) => p.metadata!.name !== 'stuck')
    expect(cache.every((p) => p.spec!.nodeName && p.spec!.nodeName !== dbNode)).toBe(true)
    expect(pods(lab, 'pinned')[0]!.spec!.nodeName).toBe(dbNode)
    const stuck = pods(lab, 'cache').find((p) => p.metadata!.name === 'stuck')!
    expect(stuck.status!.phase).toBe('Pending')
    expect(failedScheduling(lab, stuck)).toBe(
      `0/4 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, ${TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.`,
    )
    // kubectl describe shows the same text in the pod's Events.
    const session = new ConsoleSession(
      { state: () => lab.state, dispatch: (c) => lab.dispatch(c) },
      { color: false },
    )
    session.run('Get-AksHciCredential -name demo')
    const described = session.run('kubectl describe pod stuck').output.split('\n')
    expect(described.find((l) => l.includes('FailedScheduling'))).toMatch(
      /^ {2}Warning {2}FailedScheduling {2}.* default-scheduler {2}0\/4 nodes are available: 1 node\(s\) didn't satisfy existing pods anti-affinity rules, /,
    )
    ok(lab, {
      type: 'kube.scale',
      cluster: 'demo',
      namespace: 'default',
      kind: 'deployment',
      name: 'db',
      replicas: 0,
    })
    advance(lab, 2 * 60_000)
    expect(pods(lab, 'cache').find((p) => p.metadata!.name === 'stuck')!.spec!.nodeName).toBe(dbNode)
  })
})

describe('scheduler: preferred terms', () => {
  it('ranks nodes by preferred node affinity and pod affinity before load', () => {
    const lab = withCluster('demo', 3)
    const [, w2] = workers(lab) as [string, string, string]
    label(lab, w2, { disk: 'ssd' })
    apply(
      lab,
      deploy(
        'fast',
        3,
        `      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}
`,
      ),
    )
    advance(lab, 60_000)
    expect(pods(lab, 'fast').map((p) => p.spec!.nodeName)).toEqual([w2, w2, w2])
    apply(lab, deploy('anchor', 1))
    advance(lab, 60_000)
    const anchorNode = pods(lab, 'anchor')[0]!.spec!.nodeName
    expect(anchorNode).not.toBe(w2) // least loaded
    apply(
      lab,
      deploy(
        'follow',
        3,
        `      affinity:
        podAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 10
            podAffinityTerm:
              labelSelector: {matchLabels: {app: anchor}}
              topologyKey: kubernetes.io/hostname
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector: {matchLabels: {app: fast}}
              topologyKey: kubernetes.io/hostname
`,
      ),
    )
    advance(lab, 60_000)
    expect(pods(lab, 'follow').map((p) => p.spec!.nodeName)).toEqual([anchorNode, anchorNode, anchorNode])
  })

  it('is deterministic', () => {
    const run = () => {
      const lab = withCluster('demo', 3)
      apply(lab, deploy('web', 4, antiAffinity('web')))
      advance(lab, 60_000)
      return lab.hash()
    }
    expect(run()).toBe(run())
  })
})
