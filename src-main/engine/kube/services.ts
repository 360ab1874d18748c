import { formatIp, parseIp } from '@shared/aks-ip'
import { isObject, type JsonObject } from '@shared/kube-manifest'
import type { Service } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import type { Stored } from './objects'
import { getObject, listObjects, putObject } from './store'

// Services: the API server allocates a ClusterIP (10.96.0.0/12, first free address, sequentially)
// and NodePorts (30000–32767) when a Service is created; a LoadBalancer Service then waits for the
// cloud provider (moc-cloud-controller-manager), which gives it a free VIP of the AKS host's VIP pool
// after LB_VIP_MS (EXTERNAL-IP `<pending>` until then).

export const LB_EVENT = 'kube.service.lb'
/** The facts give "≤10 min" for an LB IP; the lab's MOC answers in half a minute. */
export const LB_VIP_MS = 30_000
const SERVICE_CIDR_BASE = parseIp('10.96.0.0')!
const SERVICE_CIDR_SIZE = 2 ** 20 // /12
const NODE_PORT_MIN = 30000
const NODE_PORT_MAX = 32767

const o = (v: unknown): JsonObject => (isObject(v) ? v : {})

const minorOf = (version: string) => Number(version.split('.')[1])

/**
 * The address fields the API server of a version stores with a Service's clusterIP: `clusterIPs`
 * from 1.20; `ipFamilies`/`ipFamilyPolicy` only with the IPv6DualStack gate on, the default from
 * 1.21 (alpha and off through 1.20, whose strategy drops them), so never on the lab's 1.17–1.20.
 * From 1.21 a headless Service without a selector is RequireDualStack, any other SingleStack.
 */
export function serviceIpFields(k8s: string, spec: JsonObject, clusterIP: string | undefined): JsonObject {
  const minor = minorOf(k8s)
  if (!clusterIP || minor < 20) return {}
  if (minor < 21) return { clusterIPs: [clusterIP] }
  const selectorless = clusterIP === 'None' && !Object.keys(o(spec.selector)).length
  return {
    clusterIPs: [clusterIP],
    ipFamilies: selectorless ? ['IPv4', 'IPv6'] : ['IPv4'],
    ipFamilyPolicy: selectorless ? 'RequireDualStack' : 'SingleStack',
  }
}

const versionOf = (tx: Tx, clusterId: string) => tx.get('aksClusters', clusterId)?.kubernetesVersion ?? ''

/** Fills clusterIP and nodePorts of a new Service; returns an error text when a requested one is taken. */
export function allocateService(tx: Tx, clusterId: string, svc: JsonObject): JsonObject | string {
  const spec = o(svc.spec)
  const services = listObjects<Stored<Service>>(tx, clusterId, { kind: 'Service' })
  const usedIps = new Set(services.map((s) => s.spec?.clusterIP))
  let clusterIP = spec.clusterIP as string | undefined
  if (clusterIP && clusterIP !== 'None' && usedIps.has(clusterIP))
    return `spec.clusterIP: Invalid value: "${clusterIP}": provided IP is already allocated`
  if (!clusterIP && spec.type !== 'ExternalName')
    for (let i = 1; i < SERVICE_CIDR_SIZE - 1; i++)
      if (!usedIps.has(formatIp(SERVICE_CIDR_BASE + i))) {
        clusterIP = formatIp(SERVICE_CIDR_BASE + i)
        break
      }
  const usedPorts = new Set(services.flatMap((s) => (s.spec?.ports ?? []).map((p) => p.nodePort)))
  const wantsNodePort = spec.type === 'NodePort' || spec.type === 'LoadBalancer'
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((raw) => {
    const p = o(raw)
    if (!wantsNodePort || typeof p.nodePort === 'number') return p
    let port = NODE_PORT_MIN + tx.rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1)
    while (usedPorts.has(port)) port = port === NODE_PORT_MAX ? NODE_PORT_MIN : port + 1
    usedPorts.add(port)
    return { ...p, nodePort: port }
  })
  return {
    ...svc,
    spec: {
      ...spec,
      ...(clusterIP ? { clusterIP } : {}),
      ...serviceIpFields(versionOf(tx, clusterId), spec, clusterIP),
      ports,
    },
  }
}

/** The cluster's own Services (`kubernetes` 10.96.0.1, `kube-dns` 10.96.0.10), made with the API. */
export function createSystemServices(tx: Tx, clusterId: string): void {
  const make = (name: string, namespace: string, ip: string, ports: JsonObject[], selector?: JsonObject) => {
    if (getObject(tx, clusterId, 'Service', namespace, name)) return
    putObject(tx, clusterId, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace,
        labels:
          name === 'kubernetes'
            ? { component: 'apiserver', provider: 'kubernetes' }
            : { 'k8s-app': 'kube-dns' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: ip,
        ...serviceIpFields(versionOf(tx, clusterId), selector ? { selector } : {}, ip),
        ports,
        ...(selector ? { selector } : {}),
        sessionAffinity: 'None',
      },
      status: { loadBalancer: {} },
    })
  }
  make('kubernetes', 'default', '10.96.0.1', [
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 },
  ])
  make(
    'kube-dns',
    'kube-system',
    '10.96.0.10',
    [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ],
    { 'k8s-app': 'kube-dns' },
  )
}

const isLb = (s: Service) => s.spec?.type === 'LoadBalancer'
const lbIp = (s: Service) => s.status?.loadBalancer?.ingress?.[0]?.ip

/** The service controller's retry after a failed sync (its backoff tops out at 5 minutes). */
const LB_RETRY_MS = 300_000

function ensureLoadBalancer(tx: Tx, clusterId: string, svc: Stored<Service>, delayMs: number): void {
  const uid = svc.metadata.uid
  if (tx.queued(LB_EVENT, uid) > 0) return
  recordEvent(tx, clusterId, svc, 'EnsuringLoadBalancer', 'Ensuring load balancer', {
    component: 'service-controller',
  })
  tx.schedule(tx.now + delayMs, LB_EVENT, {
    clusterId,
    namespace: svc.metadata.namespace,
    name: svc.metadata.name,
    uid,
  })
}

/**
 * LoadBalancer Services without a VIP get a cloud-controller visit on the clock (once queued); run
 * when Services were written (a failed visit queues its own retry).
 */
export function reconcileServices(tx: Tx, clusterId: string): void {
  for (const svc of listObjects<Stored<Service>>(tx, clusterId, { kind: 'Service' }))
    if (isLb(svc) && !lbIp(svc)) ensureLoadBalancer(tx, clusterId, svc, LB_VIP_MS)
}

/** Every VIP in use: the host's (first of the pool), clusters' API servers, LoadBalancer Services. */
export function takenVips(tx: Tx): Set<string> {
  const clusters = tx.all('aksClusters')
  const taken = new Set(clusters.flatMap((c) => (c.apiServerVip ? [c.apiServerVip] : [])))
  for (const c of clusters)
    for (const svc of listObjects<Service>(tx, c.id, { kind: 'Service' })) {
      const ip = lbIp(svc)
      if (ip) taken.add(ip)
    }
  return taken
}

export function onLoadBalancer(
  tx: Tx,
  data: { clusterId: string; namespace: string; name: string; uid: string },
): boolean {
  const svc = getObject<Stored<Service>>(tx, data.clusterId, 'Service', data.namespace, data.name)
  if (!svc || svc.metadata.uid !== data.uid || !isLb(svc) || lbIp(svc)) return false
  const vnet = tx.state.aks.config?.vnet
  const taken = takenVips(tx)
  let vip: string | undefined
  if (vnet)
    for (let ip = parseIp(vnet.vipPoolStart)! + 1; ip <= parseIp(vnet.vipPoolEnd)!; ip++)
      if (!taken.has(formatIp(ip))) {
        vip = formatIp(ip)
        break
      }
  if (!vip) {
    recordEvent(
      tx,
      data.clusterId,
      svc,
      'SyncLoadBalancerFailed',
      `Error syncing load balancer: failed to ensure load balancer: no free address in the VIP pool ${vnet?.vipPoolStart ?? ''}-${vnet?.vipPoolEnd ?? ''}`,
      { component: 'service-controller' },
      'Warning',
    )
    ensureLoadBalancer(tx, data.clusterId, svc, LB_RETRY_MS)
    return false
  }
  const stored = putObject(tx, data.clusterId, {
    ...svc,
    status: { loadBalancer: { ingress: [{ ip: vip }] } },
  })
  recordEvent(tx, data.clusterId, stored, 'EnsuredLoadBalancer', 'Ensured load balancer', {
    component: 'service-controller',
  })
  return true
}
