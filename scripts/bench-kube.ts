// `npm run bench` helper: one 200-worker cluster, 20,000 pods and 2,000 PVCs created → Running.
import { performance } from 'node:perf_hooks'
import type { Pod } from 'kubernetes-types/core/v1'
import { AKS_INSTALL_MS } from '../src-main/shared/aks-assumptions'
import { clusterSpecSchema } from '../src-main/shared/aks-cluster'
import { listKube } from '../src-main/shared/kube'
import { TiB } from '../src-main/shared/s2d'
import { Lab } from '../src-main/engine/lab'
import { configure, register, staticVnet } from '../src-main/engine/aks/testkit'
import { deployment } from '../src-main/engine/kube/kube-testkit'

const MIN = 60_000

function ok(lab: Lab, command: unknown): unknown {
  const r = lab.dispatch(command)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data
}

export interface KubeBenchSize {
  workers: number // two pools of workers/2
  deployments: number
  podsPerDeployment: number
  statefulSets: number
  podsPerStatefulSet: number // one PVC each
}

export const FULL_SIZE: KubeBenchSize = {
  workers: 200,
  deployments: 18,
  podsPerDeployment: 1000,
  statefulSets: 20,
  podsPerStatefulSet: 100,
}

const statefulSet = (name: string, replicas: number) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  serviceName: ${name}
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: ${name}, image: 'nginx:1.21', volumeMounts: [{name: data, mountPath: /data}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`

/** A lab with an installed AKS host and a Provisioned cluster 'bench' of `workers` Linux workers. */
export function benchCluster(workers: number): { lab: Lab; clusterId: string } {
  const lab = Lab.create({
    name: 'kube bench',
    seed: 1,
    hardware: {
      servers: 16,
      cores: 64,
      memoryBytes: 1024 * 1024 ** 3,
      drives: [{ count: 12, sizeBytes: 8e12, media: 'SSD' }],
    },
  })
  ok(lab, { type: 'volume.resize', name: 'Volume01', sizeBytes: 60 * TiB })
  // A static pool wide enough for 200 workers, the control plane and the load balancer.
  ok(
    lab,
    configure({
      ...staticVnet,
      ipAddressPrefix: '192.168.0.0/16',
      k8sNodeIpPoolStart: '192.168.4.1',
      k8sNodeIpPoolEnd: '192.168.5.250',
      vipPoolStart: '192.168.6.1',
      vipPoolEnd: '192.168.6.50',
    }),
  )
  ok(lab, register)
  ok(lab, { type: 'aks.install' })
  ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
  const half = Math.ceil(workers / 2)
  const pool = (name: string, count: number) => ({ name, count, maxPods: 250, vmSize: 'Standard_K8S3_v1' })
  ok(lab, {
    type: 'aks.cluster.create',
    ...clusterSpecSchema.parse({
      name: 'bench',
      nodePools: [pool('poola', half), pool('poolb', workers - half)],
    }),
  })
  for (let i = 0; i < 240; i++) {
    const c = Object.values(lab.state.aksClusters).find((x) => x.name === 'bench')!
    if (c.phase === 'Provisioned') return { lab, clusterId: c.id }
    if (c.phase === 'Failed') throw new Error('bench cluster failed')
    ok(lab, { type: 'clock.advance', ms: MIN })
  }
  throw new Error('bench cluster never Provisioned')
}

export interface KubeBenchResult {
  pods: number
  pvcs: number
  engineMs: number
  podsPerSecond: number
  baselineMsPerPod: number
  ratio: number
  virtualMinutes: number
}

/** Applies the workloads and advances the clock until every pod is Running; times the engine. */
export function benchPods(size: KubeBenchSize = FULL_SIZE): KubeBenchResult {
  const { lab, clusterId } = benchCluster(size.workers)
  const docs: string[] = []
  for (let i = 0; i < size.deployments; i++)
    docs.push(deployment(`web${i}`, 'nginx:1.21', size.podsPerDeployment))
  for (let i = 0; i < size.statefulSets; i++) docs.push(statefulSet(`db${i}`, size.podsPerStatefulSet))
  const manifest = docs.join('---\n')
  const want = size.deployments * size.podsPerDeployment + size.statefulSets * size.podsPerStatefulSet
  const runningPods = () =>
    listKube<Pod>(lab.state, clusterId, { kind: 'Pod', namespace: 'default' }).filter(
      (p) => p.status?.phase === 'Running',
    ).length
  let engineMs = 0
  const timed = (command: unknown) => {
    const t0 = performance.now()
    ok(lab, command)
    engineMs += performance.now() - t0
  }
  timed({ type: 'kube.apply', cluster: 'bench', manifest, mode: 'apply', namespace: null })
  let minutes = 0
  while (runningPods() < want) {
    if (minutes++ > 120) throw new Error(`only ${runningPods()} of ${want} pods Running after 2 hours`)
    timed({ type: 'clock.advance', ms: MIN })
  }
  const pods = listKube<Pod>(lab.state, clusterId, { kind: 'Pod', namespace: 'default' })
  const pvcs = listKube(lab.state, clusterId, { kind: 'PersistentVolumeClaim', namespace: 'default' }).length
  const baselineMsPerPod = baseline(pods)
  const msPerPod = engineMs / pods.length
  return {
    pods: pods.length,
    pvcs,
    engineMs,
    podsPerSecond: pods.length / (engineMs / 1000),
    baselineMsPerPod,
    ratio: msPerPod / baselineMsPerPod,
    virtualMinutes: minutes,
  }
}

/** Time per pod to build the same pod objects (a fresh literal per pod) and structuredClone them. */
function baseline(pods: Pod[]): number {
  const json = pods.map((p) => JSON.stringify(p))
  let best = Infinity
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now()
    let sink = 0
    for (const text of json) {
      const built = JSON.parse(text) as Pod
      sink += structuredClone(built).metadata!.name!.length
    }
    const ms = performance.now() - t0
    if (sink > 0) best = Math.min(best, ms)
  }
  return best / pods.length
}
