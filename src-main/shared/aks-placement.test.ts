import { describe, expect, it } from 'vitest'
import { planPlacement, placementProblem } from './aks-placement'
import type { LabView } from './contract'

const GiB = 1024 ** 3
/** Two 64 GiB servers, each already running one 4 GiB VM: 56 GiB free on each, 112 GiB in all. */
function view(node2State = 'Up'): Pick<LabView, 'servers' | 'vms'> {
  const server = (n: number, state: string) => ({
    id: `s${n}`,
    name: `node${n}`,
    nodeId: n,
    state,
    memoryBytes: 64 * GiB,
  })
  const vm = (n: number) => ({ id: `vm${n}`, serverId: `s${n}`, memoryBytes: 4 * GiB, state: 'Running' })
  return {
    servers: { s1: server(1, 'Up'), s2: server(2, node2State) },
    vms: { vm1: vm(1), vm2: vm(2) },
  } as unknown as Pick<LabView, 'servers' | 'vms'>
}
const big = { label: 'linuxpool1 worker', vmSize: 'Standard_D8s_v3' } // 32 GiB
const small = { label: 'load balancer', vmSize: 'Standard_D4s_v3' } // 16 GiB

describe('planPlacement', () => {
  it('puts each VM on the server with the most free memory, counting those placed before it', () => {
    const plan = planPlacement(view(), [big, big, small])
    expect(plan.serverIds).toEqual(['s1', 's2', 's1'])
    expect(plan.unplaced).toEqual([])
    expect(placementProblem(plan)).toBeNull()
    expect(plan.servers.map((s) => s.freeBytes / GiB)).toEqual([8, 24])
  })

  it('names the VM that fits nowhere though the memory summed over the servers is enough', () => {
    // 112 GiB asked, 112 GiB free: but the third 32 GiB VM finds 24 GiB on each server.
    const plan = planPlacement(view(), [big, big, big, small])
    expect(plan.serverIds).toEqual(['s1', 's2', null, 's1'])
    expect(placementProblem(plan)).toBe(
      '1 of the 4 new VMs fits on no server: 1 linuxpool1 worker (Standard_D8s_v3, 32 GiB). ' +
        'Each VM goes, in turn, on the server with the most free memory and needs all its memory there. ' +
        'Memory per server after the host reserve and the 3 VMs that fit: node1 has 8 GiB free (64 GiB − 4 GiB host reserve − 52 GiB for VMs); ' +
        'node2 has 24 GiB free (64 GiB − 4 GiB host reserve − 36 GiB for VMs).',
    )
  })

  it('groups the VMs that do not fit and says which servers are down', () => {
    const plan = planPlacement(view('Down'), [big, big, big])
    expect(plan.serverIds).toEqual(['s1', null, null])
    expect(placementProblem(plan)).toContain(
      '2 of the 3 new VMs fit on no server: 2 linuxpool1 workers (Standard_D8s_v3, 32 GiB each).',
    )
    expect(placementProblem(plan)).toContain('node2 is not up')
  })
})
