import { describe, expect, it } from 'vitest'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import type { Task } from '@shared/domain'
import { createCommand, MIN, withCluster } from './aks/cluster-testkit'
import { configure, installed, newLab, ok, register } from './aks/testkit'
import type { Lab } from './lab'

// The bell's notifications of long work, as a person follows them: a running title with progress,
// then one outcome (succeeded, failed with the reason, cancelled) with its own title and end time.

const taskOf = (lab: Lab, id: unknown): Task => lab.state.tasks[(id as { taskId: string }).taskId]!

describe('a long task ends with its outcome and end time', () => {
  it('a created cluster reads "Successfully created", with what it has, when it was done', () => {
    const lab = installed()
    const started = lab.now
    const id = ok(lab, createCommand('demo', 2))
    expect(taskOf(lab, id)).toMatchObject({
      title: 'Creating Kubernetes cluster demo',
      state: 'InProgress',
      percent: 0,
      startedAt: started,
      endedAt: null,
    })
    ok(lab, { type: 'clock.advance', ms: 4 * MIN })
    const midway = taskOf(lab, id)
    expect(midway.state).toBe('InProgress')
    expect(midway.percent).toBeGreaterThan(0)
    expect(midway.percent).toBeLessThan(100)
    expect(midway.message).not.toBe('Starting the load balancer and control plane VMs…')

    ok(lab, { type: 'clock.advance', ms: 20 * MIN })
    const done = taskOf(lab, id)
    expect(done).toMatchObject({
      title: 'Successfully created Kubernetes cluster demo',
      message: 'Kubernetes cluster demo is provisioned: 1 control plane node, 2 worker nodes.',
      state: 'Success',
      percent: 100,
      startedAt: started,
    })
    expect(done.endedAt).toBeGreaterThan(started)
    expect(done.endedAt).toBeLessThanOrEqual(lab.now)
  })

  it('a create stopped by a delete reads "Cancelled", and the delete ends "Successfully deleted"', () => {
    const lab = installed()
    const create = ok(lab, createCommand('demo'))
    ok(lab, { type: 'clock.advance', ms: 2 * MIN })
    const remove = ok(lab, { type: 'aks.cluster.delete', name: 'demo' })
    expect(taskOf(lab, create)).toMatchObject({
      title: 'Cancelled creating Kubernetes cluster demo',
      message: 'Stopped: Kubernetes cluster demo is being deleted.',
      state: 'Warning',
      endedAt: lab.now,
    })
    expect(taskOf(lab, remove)).toMatchObject({
      title: 'Deleting Kubernetes cluster demo',
      state: 'InProgress',
    })
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    expect(taskOf(lab, remove)).toMatchObject({
      title: 'Successfully deleted Kubernetes cluster demo',
      state: 'Success',
      percent: 100,
    })
    expect(taskOf(lab, remove).endedAt).not.toBeNull()
  })

  it('a scaled node pool reads "Successfully scaled"', () => {
    const lab = withCluster('demo')
    const id = ok(lab, { type: 'aks.nodepool.scale', clusterName: 'demo', name: 'demo-linux', count: 2 })
    expect(taskOf(lab, id)).toMatchObject({
      title: 'Scaling node pool demo-linux of Kubernetes cluster demo to 2',
      message: 'Starting 1 node…',
    })
    ok(lab, { type: 'clock.advance', ms: 15 * MIN })
    expect(taskOf(lab, id)).toMatchObject({
      title: 'Successfully scaled node pool demo-linux of Kubernetes cluster demo to 2',
      message: 'Kubernetes cluster demo is provisioned: 1 control plane node, 2 worker nodes.',
      state: 'Success',
    })
  })

  it('the host install reads "Successfully installed" when done and never moves again', () => {
    const lab = newLab()
    ok(lab, configure())
    ok(lab, register)
    const id = ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    const done = taskOf(lab, id)
    expect(done).toMatchObject({
      title: 'Successfully installed AKS on Azure Stack HCI',
      state: 'Success',
      percent: 100,
      endedAt: done.startedAt + AKS_INSTALL_MS,
    })
    ok(lab, { type: 'clock.advance', ms: 60 * MIN })
    expect(taskOf(lab, id)).toEqual(done)
  })
})
