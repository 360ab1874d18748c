import { describe, expect, it } from 'vitest'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import { serverMemory } from '@shared/aks-memory'
import { poolCapacity } from '@shared/capacity'
import type { Lab } from '../lab'
import { configure, footprint, installed, newLab, ok, register } from './testkit'

const MIN = 60_000

/** Every capacity figure a person can see: pool, volumes, server memory. */
const figures = (lab: Lab) => {
  const pool = poolCapacity(lab.state)
  return {
    pool: { allocated: pool.allocatedBytes, free: pool.freeBytes },
    volumes: pool.volumes.map((v) => ({ name: v.volume.name, used: v.usedBytes, free: v.freeBytes })),
    memory: serverMemory(lab.state),
  }
}

describe('AKS host cancel and uninstall', () => {
  it.each([3, 13, 16, 29])('cancel after %i minutes rolls back to the configured lab', (minutes) => {
    const lab = newLab()
    ok(lab, configure())
    ok(lab, register)
    const before = { footprint: footprint(lab), figures: figures(lab) }
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: minutes * MIN })
    expect(Object.values(lab.state.files).some((f) => f.owner.kind === 'aks-host')).toBe(minutes > 10)
    ok(lab, { type: 'aks.cancelInstall' })
    expect({ footprint: footprint(lab), figures: figures(lab) }).toEqual(before)
    expect(lab.state.queue).toEqual([])
    const install = lab.state.aks.install!
    expect(install.steps.some((s) => s.state === 'Cancelled')).toBe(true)
    expect(lab.state.tasks[install.taskId]).toMatchObject({
      state: 'Warning',
      title: 'Cancelled installing AKS on Azure Stack HCI',
      endedAt: lab.now,
    })
    // Time moves on and nothing else happens; a new install starts cleanly.
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.aks.phase).toBe('Configured')
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.aks.phase).toBe('Installed')
  })

  it('Uninstall-AksHci frees every byte and MB the install took', () => {
    const fresh = newLab()
    const before = figures(fresh)
    const groups = fresh.state.clusterGroups
    const lab = installed()
    expect(figures(lab)).not.toEqual(before)
    ok(lab, { type: 'aks.uninstall' })
    expect(figures(lab)).toEqual(before)
    expect(lab.state.vms).toEqual({})
    expect(lab.state.clusterGroups).toEqual(groups)
    expect(Object.values(lab.state.files).filter((f) => f.owner.kind === 'aks-host')).toEqual([])
    expect(lab.state.aks).toMatchObject({ phase: 'NotConfigured', config: null, nodeAgentServerIds: [] })
    // …and the lab can be set up again.
    ok(lab, configure())
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.aks.phase).toBe('Installed')
  })

  it('keeps the AKS host’s files: their volume cannot be deleted while installed', () => {
    const lab = installed()
    const r = lab.dispatch({ type: 'volume.delete', name: 'Volume01' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('AKS host')
  })
})
