import { describe, expect, it } from 'vitest'
import type { Endpoints, Node, Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { advance, apply, deployment } from './kube-testkit'

const MIN = 60_000
const service = `apiVersion: v1
kind: Service
metadata: {name: web, labels: {app: web}}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
`

function setup() {
  const lab = withCluster('demo', 2)
  const id = clusterOf(lab, 'demo').id
  apply(lab, deployment('web', 'nginx:1.21', 3) + '---\n' + service)
  const endpoints = () => getKube<Endpoints>(lab.state, id, 'Endpoints', 'default', 'web')
  const pods = () =>
    listKube<Pod>(lab.state, id, { kind: 'Pod', namespace: 'default', selector: { app: 'web' } })
  return { lab, id, endpoints, pods }
}

describe('the endpoints controller', () => {
  it("lists a Service's ready pods on their target port, in IP order, with the Service's labels", () => {
    const { lab, endpoints, pods } = setup()
    expect(endpoints()!.subsets).toBeUndefined()
    advance(lab, 2 * MIN)
    const subset = endpoints()!.subsets![0]!
    const ips = pods().map((p) => p.status!.podIP!)
    expect(subset.addresses!.map((a) => a.ip).sort()).toEqual([...ips].sort())
    expect(subset.addresses!.map((a) => a.targetRef!.name).sort()).toEqual(
      pods()
        .map((p) => p.metadata!.name)
        .sort(),
    )
    expect(subset.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }])
    expect(endpoints()!.metadata!.labels).toEqual({ app: 'web' })
  })

  it('drops a Terminating pod at once and lists its replacement once it is ready', () => {
    const { lab, endpoints, pods } = setup()
    advance(lab, 2 * MIN)
    const gone = pods()[0]!.metadata!.name!
    ok(lab, { type: 'kube.delete', cluster: 'demo', namespace: 'default', kind: 'pod', name: gone })
    expect(endpoints()!.subsets![0]!.addresses!.map((a) => a.targetRef!.name)).not.toContain(gone)
    advance(lab, 2 * MIN)
    expect(endpoints()!.subsets![0]!.addresses).toHaveLength(3)
  })

  it('goes with its Service; the kubernetes Service points at the control plane on 6443', () => {
    const { lab, id, endpoints } = setup()
    advance(lab, 2 * MIN)
    ok(lab, { type: 'kube.delete', cluster: 'demo', namespace: 'default', kind: 'service', name: 'web' })
    expect(endpoints()).toBeUndefined()
    const cp = listKube<Node>(lab.state, id, { kind: 'Node' }).find(
      (n) => n.metadata!.labels!['node-role.kubernetes.io/master'] !== undefined,
    )!
    const ip = cp.status!.addresses!.find((a) => a.type === 'InternalIP')!.address
    expect(getKube<Endpoints>(lab.state, id, 'Endpoints', 'default', 'kubernetes')!.subsets).toEqual([
      { addresses: [{ ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ])
  })
})

describe('kubectl get endpoints', () => {
  it('prints NAME ENDPOINTS AGE with the first three ip:port and "+ N more..."', async () => {
    const { formatEndpoints } = await import('@shared/kube-fields')
    const ep = (n: number) =>
      ({
        metadata: { name: 'web', uid: 'u', creationTimestamp: '', resourceVersion: '1' },
        subsets: [
          {
            addresses: Array.from({ length: n }, (_, i) => ({ ip: `10.244.1.${i + 2}` })),
            ports: [{ port: 8080 }],
          },
        ],
      }) as never
    expect(formatEndpoints(ep(2))).toBe('10.244.1.2:8080,10.244.1.3:8080')
    expect(formatEndpoints(ep(5))).toBe('10.244.1.2:8080,10.244.1.3:8080,10.244.1.4:8080 + 2 more...')
    expect(formatEndpoints({ metadata: {} } as never)).toBe('<none>')
  })
})
