import { describe, expect, it } from 'vitest'
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { advance, apply } from './kube-testkit'

const DEMO1 = `apiVersion: v1
kind: Pod
metadata:
  name: demo1
spec:
  containers:
  - name: demo1
    image: mcr.microsoft.com/azurestackhci/aks-demo:latest
`
const demo2 = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo2
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: demo2}
  template:
    metadata:
      labels: {app: demo2}
    spec:
      containers:
      - name: demo2
        image: mcr.microsoft.com/azurestackhci/aks-demo:latest
`

describe('kube.apply', () => {
  it('creates a Pod that reaches Running, and a Deployment whose pods do', () => {
    const lab = withCluster('demo', 2)
    const id = clusterOf(lab, 'demo').id
    expect(
      apply(lab, `${DEMO1}---\n${demo2(1)}`).results.map((r) => `${r.resource}/${r.name} ${r.action}`),
    ).toEqual(['pod/demo1 created', 'deployment.apps/demo2 created'])
    advance(lab, 60_000)
    expect(getKube<Pod>(lab.state, id, 'Pod', 'default', 'demo1')!.status!.phase).toBe('Running')
    const pods = () =>
      listKube<Pod>(lab.state, id, { kind: 'Pod', namespace: 'default', selector: { app: 'demo2' } })
    expect(pods().map((p) => p.status!.phase)).toEqual(['Running'])
    expect(pods()[0]!.metadata!.name).toMatch(/^demo2-[bcdfghjklmnpqrstvwxz2456789]+-[a-z0-9]{5}$/)
    expect(apply(lab, demo2(1)).results[0]!.action).toBe('unchanged')
    expect(apply(lab, demo2(5)).results[0]!.action).toBe('configured')
    advance(lab, 60_000)
    expect(pods().map((p) => p.status!.phase)).toEqual(Array(5).fill('Running'))
    const d = getKube<Deployment>(lab.state, id, 'Deployment', 'default', 'demo2')!
    expect(d.status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      updatedReplicas: 5,
    })
  })
})
