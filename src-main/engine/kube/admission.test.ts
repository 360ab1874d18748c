import { describe, expect, it } from 'vitest'
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Pod, Service } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, createCommand } from '../aks/cluster-testkit'
import { installed, ok } from '../aks/testkit'
import type { Lab } from '../lab'
import { withDefaults } from './defaults'
import { advance, apply } from './kube-testkit'
import { serviceIpFields } from './services'

// What the API server of a 1.17–1.20 cluster adds to what it stores: the ServiceAccount and Priority
// admission plugins act on Pods only (never on a workload's pod template), Services get the address
// fields of their version, and StatefulSet pods carry only the labels of their version.

function cluster(version: string | null = null): Lab {
  const lab = installed(1)
  ok(lab, createCommand('demo', 2, 0, version ? { kubernetesVersion: version } : {}))
  advance(lab, 15 * 60_000)
  return lab
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: 'nginx:1.21'}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      serviceAccountName: db-reader
      containers:
      - {name: db, image: 'redis:6'}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
`

describe('Pods only: service account and priority (admission)', () => {
  it('keeps the template as written and gives its pods the default service account', () => {
    const lab = cluster()
    const id = clusterOf(lab, 'demo').id
    apply(lab, WEB)
    advance(lab, 2 * 60_000)
    const d = getKube<Deployment>(lab.state, id, 'Deployment', 'default', 'web')!
    const [rs] = listKube<ReplicaSet>(lab.state, id, { kind: 'ReplicaSet', namespace: 'default' })
    const sts = getKube<StatefulSet>(lab.state, id, 'StatefulSet', 'default', 'db')!
    expect(d.spec!.template.spec!.serviceAccountName).toBeUndefined()
    expect(rs!.spec!.template!.spec!.serviceAccountName).toBeUndefined()
    expect(sts.spec!.template.spec!.serviceAccountName).toBe('db-reader')
    const [web] = listKube<Pod>(lab.state, id, {
      kind: 'Pod',
      namespace: 'default',
      selector: { app: 'web' },
    })
    expect([web!.spec!.serviceAccountName, web!.spec!.serviceAccount, web!.spec!.priority]).toEqual([
      'default',
      'default',
      0,
    ])
    const db = getKube<Pod>(lab.state, id, 'Pod', 'default', 'db-0')!
    expect([db.spec!.serviceAccountName, db.spec!.serviceAccount]).toEqual(['db-reader', 'db-reader'])
  })

  it("gives a pod its priority class's value (coredns, the static control plane pods)", () => {
    const lab = cluster()
    const id = clusterOf(lab, 'demo').id
    const system = listKube<Pod>(lab.state, id, { kind: 'Pod', namespace: 'kube-system' })
    const coredns = system.filter((p) => p.metadata!.name!.startsWith('coredns-'))
    expect(coredns.length).toBeGreaterThan(0)
    for (const p of coredns)
      expect([p.spec!.priorityClassName, p.spec!.priority]).toEqual(['system-cluster-critical', 2000000000])
    const apiserver = system.find((p) => p.metadata!.name!.startsWith('kube-apiserver-'))!
    expect([apiserver.spec!.priorityClassName, apiserver.spec!.priority]).toEqual([
      'system-node-critical',
      2000001000,
    ])
  })

  it('defaults a Pod twice to the same object', () => {
    const pod = withDefaults({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'c', image: 'x:1' }] },
    })
    expect(withDefaults(pod)).toEqual(pod)
    expect((pod.spec as { priority: number }).priority).toBe(2000001000)
  })
})

describe('Service address fields by version', () => {
  it('clusterIPs from 1.20; ipFamilies/ipFamilyPolicy only from 1.21 (IPv6DualStack on by default)', () => {
    const selector = { selector: { app: 'x' } }
    expect(serviceIpFields('v1.19.9', selector, '10.96.0.5')).toEqual({})
    expect(serviceIpFields('v1.20.7', selector, '10.96.0.5')).toEqual({ clusterIPs: ['10.96.0.5'] })
    expect(serviceIpFields('v1.21.2', selector, '10.96.0.5')).toEqual({
      clusterIPs: ['10.96.0.5'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    })
    expect(serviceIpFields('v1.21.2', selector, 'None').ipFamilyPolicy).toBe('SingleStack')
    expect(serviceIpFields('v1.21.2', {}, 'None')).toEqual({
      clusterIPs: ['None'],
      ipFamilies: ['IPv4', 'IPv6'],
      ipFamilyPolicy: 'RequireDualStack',
    })
    expect(serviceIpFields('v1.20.7', {}, undefined)).toEqual({})
  })

  it.each([
    ['v1.18.8', undefined],
    ['v1.20.7', ['10.96.0.2']],
  ])('stores applied and system Services as a %s API server does', (version, clusterIPs) => {
    const lab = cluster(version)
    const id = clusterOf(lab, 'demo').id
    apply(lab, WEB)
    const web = getKube<Service>(lab.state, id, 'Service', 'default', 'web')!
    expect(web.spec!.clusterIP).toBe('10.96.0.2')
    expect(web.spec!.clusterIPs).toEqual(clusterIPs)
    const dns = getKube<Service>(lab.state, id, 'Service', 'kube-system', 'kube-dns')!
    expect(dns.spec!.clusterIPs).toEqual(clusterIPs && ['10.96.0.10'])
    for (const svc of listKube<Service>(lab.state, id, { kind: 'Service' })) {
      expect(svc.spec!.ipFamilies).toBeUndefined()
      expect(svc.spec!.ipFamilyPolicy).toBeUndefined()
    }
  })
})

describe('StatefulSet pod labels', () => {
  it('has statefulset.kubernetes.io/pod-name and no apps.kubernetes.io/pod-index (1.28+)', () => {
    const lab = cluster()
    const id = clusterOf(lab, 'demo').id
    apply(lab, WEB)
    advance(lab, 60_000)
    const db = getKube<Pod>(lab.state, id, 'Pod', 'default', 'db-0')!
    expect(db.metadata!.labels).toEqual({
      app: 'db',
      'controller-revision-hash': 'db-6d64d4d676',
      'statefulset.kubernetes.io/pod-name': 'db-0',
    })
  })
})
