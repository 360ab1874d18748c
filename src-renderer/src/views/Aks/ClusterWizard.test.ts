import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clusterNameProblem, nodePoolProblem } from '@shared/aks-cluster-rules'
import { installedAks } from '@/testing/aksLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import ClusterWizard from './ClusterWizard.vue'

// The Create Kubernetes cluster wizard against a real engine Lab with an installed AKS host: Next is
// gated by the shared rules' words, then by the engine's dry run; Create sends aks.cluster.create.

const next = (w: VueWrapper) => w.find('[data-testid="cluster-next"]')
const wait = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms)
  await flushPromises()
}

async function mountWizard() {
  const api = fakeApi()
  installedAks(api.lab)
  const { wrapper } = await mountWithLab(ClusterWizard, { api })
  return { api, wrapper }
}

describe('Create Kubernetes cluster wizard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    sessionStorage.clear() // each test starts a fresh wizard, not the last one's draft
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('keeps its draft across leaving it, and asks before Cancel discards it', async () => {
    const first = await mountWizard()
    await first.wrapper.find('[data-testid="cluster-name"]').setValue('keepme')
    await next(first.wrapper).trigger('click')
    first.wrapper.unmount()
    const { wrapper } = await mountWithLab(ClusterWizard, { api: first.api })
    expect(wrapper.find('[data-testid="cluster-pool-0"]').exists()).toBe(true) // still on Node pools
    await wrapper.find('[data-testid="cluster-cancel"]').trigger('click')
    expect(document.body.textContent).toContain('Discard this cluster?')
    document.body.querySelector<HTMLButtonElement>('[data-testid="cluster-discard-confirm"]')!.click()
    await flushPromises()
    wrapper.unmount()
    const fresh = await mountWithLab(ClusterWizard, { api: first.api })
    expect(fresh.wrapper.find('[data-testid="cluster-name"]').element).toHaveProperty('value', '')
  })

  it('shows the shared name rule for a bad name and keeps Next disabled', async () => {
    const { wrapper } = await mountWizard()
    expect(next(wrapper).attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="cluster-name"]').setValue('My_Cluster')
    expect(wrapper.find('[data-testid="cluster-name-error"]').text()).toBe(clusterNameProblem('My_Cluster'))
    expect(next(wrapper).attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="cluster-name"]').setValue('demo')
    expect(wrapper.find('[data-testid="cluster-name-error"]').exists()).toBe(false)
    expect(next(wrapper).attributes('disabled')).toBeUndefined()
  })

  it('blocks a Windows pool on a version without Windows nodes, with the shared words', async () => {
    const { wrapper } = await mountWizard()
    await wrapper.find('[data-testid="cluster-name"]').setValue('demo')
    await wrapper.find('[data-testid="cluster-version"]').setValue('v1.17.13')
    await next(wrapper).trigger('click')
    expect(wrapper.find('[data-testid="cluster-pool-0"] [data-testid="pool-name"]').element).toHaveProperty(
      'value',
      'linuxpool1',
    )
    await wrapper.find('[data-testid="cluster-add-windows"]').trigger('click')
    const pool = wrapper.find('[data-testid="cluster-pool-1"]')
    expect((pool.find('[data-testid="pool-name"]').element as HTMLInputElement).value).toBe('windowspool1')
    const expected = nodePoolProblem(
      {
        name: 'windowspool1',
        osType: 'Windows',
        vmSize: 'Standard_K8S3_v1',
        count: 1,
        maxPods: 110,
        taints: [],
      },
      'v1.17.13',
    )
    expect(expected).toContain('Windows')
    expect(pool.find('[data-testid="pool-error"]').text()).toBe(expected)
    await wait(500)
    expect(next(wrapper).attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="cluster-blocked"]').text()).toBe(expected)
    // The size list reads as WAC's, from the shared size table.
    const sizes = pool.findAll('[data-testid="pool-size"] option').map((o) => o.text())
    expect(sizes).toContain('Standard_K8S3_v1 (6 GB Memory, 4 CPU)')
  })

  it('reviews every choice with the equivalent PowerShell, then creates the cluster', async () => {
    const { api, wrapper } = await mountWizard()
    await wrapper.find('[data-testid="cluster-name"]').setValue('demo')
    await next(wrapper).trigger('click')
    await wrapper.find('[data-testid="cluster-add-windows"]').trigger('click')
    expect(wrapper.find('[data-testid="cluster-memory"]').text()).toContain('Memory needed')
    await wait(500)
    expect(next(wrapper).attributes('disabled')).toBeUndefined()
    await next(wrapper).trigger('click') // Networking
    expect(wrapper.find('[data-testid="cluster-vips"]').text()).toContain('192.168.0.200 – 192.168.0.220')
    await wait(500)
    await next(wrapper).trigger('click') // Integration
    expect(wrapper.find('[data-testid="cluster-storage"]').text()).toContain('default')
    await wait(500)
    await next(wrapper).trigger('click') // Review + create
    const ps = wrapper.find('[data-testid="cluster-review-ps"]').text()
    expect(ps).toContain(
      'New-AksHciCluster -name demo -kubernetesVersion v1.20.7 -controlPlaneNodeCount 1 -nodePoolName linuxpool1 -nodeCount 1 -osType Linux',
    )
    expect(ps).toContain('New-AksHciNodePool -clusterName demo -name windowspool1 -count 1 -osType Windows')
    const review = wrapper.find('[data-testid="cluster-review"]').text()
    expect(review).toContain('Standard_K8S3_v1 (6 GB Memory, 4 CPU)')
    await wait(500)
    await wrapper.find('[data-testid="cluster-create"]').trigger('click')
    await flushPromises()
    const create = api.calls.find(
      (c) =>
        c.channel === 'lab:command' &&
        (c.input as { command: { type: string } }).command.type === 'aks.cluster.create',
    )
    expect(
      (create?.input as { command: { nodePools: { name: string; osType: string }[] } }).command.nodePools,
    ).toEqual([
      expect.objectContaining({ name: 'linuxpool1', osType: 'Linux', count: 1 }),
      expect.objectContaining({ name: 'windowspool1', osType: 'Windows', count: 1 }),
    ])
    expect(Object.values(api.lab.state.aksClusters).map((c) => c.name)).toEqual(['demo'])
    expect(wrapper.find('[data-testid="cluster-progress"]').exists()).toBe(true)
  })

  it("shows the engine's refusal inline when the pools do not fit in the servers' memory", async () => {
    const { api, wrapper } = await mountWizard()
    await wrapper.find('[data-testid="cluster-name"]').setValue('demo')
    await next(wrapper).trigger('click')
    await wrapper.find('[data-testid="cluster-pool-0"] [data-testid="pool-count"]').setValue(40)
    await wait(500)
    const preview = api.lab.preview({
      type: 'aks.cluster.create',
      name: 'demo',
      nodePools: [{ name: 'linuxpool1', osType: 'Linux', count: 40 }],
    })
    expect(preview.ok).toBe(false)
    if (preview.ok) return
    expect(wrapper.find('[data-testid="cluster-blocked"]').text()).toBe(preview.error.message)
    expect(next(wrapper).attributes('disabled')).toBeDefined()
    // The hint names the VMs that fit nowhere and each server's memory, as the error does after
    // the real words: no "needed = free" puzzle left.
    const hint = wrapper.find('[data-testid="cluster-placement"]').text()
    expect(hint).toMatch(
      /^\d+ of the 42 new VMs fit on no server: \d+ linuxpool1 workers \(Standard_K8S3_v1, 6 GiB each\)\./,
    )
    expect(hint).toMatch(/hci-node1 has [\d.]+ (GiB|MiB|B) free \(64 GiB − 4 GiB host reserve − /)
    expect(preview.error.message).toContain(hint)
    await wrapper.find('[data-testid="cluster-pool-0"] [data-testid="pool-count"]').setValue(1)
    await wait(500)
    expect(next(wrapper).attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="cluster-placement"]').exists()).toBe(false)
  })

  it('counts no VMs for a negative node count in the memory hint', async () => {
    const { wrapper } = await mountWizard()
    await wrapper.find('[data-testid="cluster-name"]').setValue('demo')
    await next(wrapper).trigger('click')
    await wrapper.find('[data-testid="cluster-pool-0"] [data-testid="pool-count"]').setValue(-1)
    const memory = wrapper.find('[data-testid="cluster-memory"]').text()
    expect(memory).toContain('for 2 VMs')
    expect(memory).not.toMatch(/-\d/)
    expect(wrapper.find('[data-testid="pool-error"]').text()).toContain('The node count -1 is out of range')
  })
})
