import { parseIp } from '@shared/aks-ip'
import type {
  EndpointAddress,
  EndpointPort,
  Endpoints,
  Node,
  Pod,
  Service,
  ServicePort,
} from 'kubernetes-types/core/v1'
import { fnv1a64 } from '../core/hash'
import type { Tx } from '../core/tx'
import type { Dirt } from './derived'
import { isControlPlane, type Stored } from './objects'
import { clusterIndexOf, deleteObject, getObject, listObjects, objectsAt, putObject } from './store'

// The endpoints controller: each Service with a selector has an Endpoints object of the same name
// listing the pods it selects, ready ones under addresses, others (not ready, but with an IP) under
// notReadyAddresses, Terminating ones left out; one subset per set of resolved ports, addresses in
// IP order (EndpointSubset repacking). The `kubernetes` Service's endpoints are the control plane
// nodes' API servers (port 6443). It visits only Services whose pods or selves changed.

const API_SERVER_PORT = 6443

const ipNumber = (ip: string) => parseIp(ip) ?? 0
const byIp = (a: EndpointAddress, b: EndpointAddress) => ipNumber(a.ip) - ipNumber(b.ip)

/** A Service port's target on a pod: a number as is, a name looked up among the containers' ports. */
function targetPort(svcPort: ServicePort, pod: Pod): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port
  if (typeof target === 'number') return target
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort
  return undefined
}

function address(pod: Stored<Pod>): EndpointAddress {
  return {
    ip: pod.status!.podIP!,
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      resourceVersion: pod.metadata.resourceVersion,
    },
  }
}

const podReady = (pod: Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false

/** The subsets of a Service's pods, grouped by their resolved ports. */
export function subsetsOf(svc: Service, pods: Stored<Pod>[]): Endpoints['subsets'] {
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >()
  for (const pod of pods) {
    if (!pod.status?.podIP || pod.metadata.deletionTimestamp) continue
    const phase = pod.status.phase
    if (phase === 'Succeeded' || phase === 'Failed') continue
    const ports: EndpointPort[] = []
    for (const p of svc.spec?.ports ?? []) {
      const port = targetPort(p, pod)
      if (port !== undefined)
        ports.push({ ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? 'TCP' })
    }
    const key = JSON.stringify(ports)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { ports, ready: [], notReady: [] }))
    ;(podReady(pod) ? group.ready : group.notReady).push(address(pod))
  }
  return [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }))
}

/**
 * The Endpoints' uid, derived from its Service's: the lab's objects draw uids from the seeded
 * generator, and a draw here would change every name drawn after it in labs saved before.
 */
function endpointsUid(svc: Stored<Service>): string {
  const h = fnv1a64(`endpoints/${svc.metadata.uid}`) + fnv1a64(`${svc.metadata.uid}/endpoints`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function write(tx: Tx, clusterId: string, svc: Stored<Service>, subsets: Endpoints['subsets']): void {
  const ns = svc.metadata.namespace!
  const old = getObject<Stored<Endpoints>>(tx, clusterId, 'Endpoints', ns, svc.metadata.name)
  const next = subsets?.length ? subsets : undefined
  if (old && JSON.stringify(old.subsets) === JSON.stringify(next)) return
  putObject(tx, clusterId, {
    ...(old ?? {}),
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      ...(old?.metadata ?? {}),
      uid: old?.metadata.uid ?? endpointsUid(svc),
      name: svc.metadata.name,
      namespace: ns,
      ...(svc.metadata.labels ? { labels: svc.metadata.labels as Record<string, string> } : {}),
    },
    ...(next ? { subsets: next } : {}),
  } as Endpoints)
}

/** The `kubernetes` Service's endpoints: the API servers of the control plane nodes. */
function apiServerSubsets(tx: Tx, clusterId: string): Endpoints['subsets'] {
  const addresses = listObjects<Stored<Node>>(tx, clusterId, { kind: 'Node' })
    .filter(isControlPlane)
    .flatMap((n) => {
      const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
      return ip ? [{ ip }] : []
    })
  return addresses.length
    ? [
        {
          addresses: addresses.sort(byIp),
          ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
        },
      ]
    : []
}

/** Brings the Endpoints of the Services the pass's dirt names (all on a full pass) up to date. */
export function reconcileEndpoints(tx: Tx, clusterId: string, dirt: Dirt): void {
  const index = clusterIndexOf(tx, clusterId)
  const keys = dirt.all ? [...index.serviceSelectors.keys()] : [...dirt.endpoints]
  for (const key of keys.sort()) {
    const svc = tx.state.kube[key] as Stored<Service> | undefined
    const [, , ns, name] = key.split('/') as [string, string, string, string]
    if (!svc) {
      if (getObject(tx, clusterId, 'Endpoints', ns, name)) deleteObject(tx, clusterId, 'Endpoints', ns, name)
      continue
    }
    if (svc.spec?.selector)
      write(tx, clusterId, svc, subsetsOf(svc, objectsAt(tx, index.serviceMembers.get(key))))
  }
  if (dirt.all || dirt.nodes) {
    const kubernetes = getObject<Stored<Service>>(tx, clusterId, 'Service', 'default', 'kubernetes')
    if (kubernetes) write(tx, clusterId, kubernetes, apiServerSubsets(tx, clusterId))
  }
}
