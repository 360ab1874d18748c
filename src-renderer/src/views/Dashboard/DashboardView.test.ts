import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { AKS_IMAGES, HOST_RESERVE_BYTES } from '@shared/aks-assumptions'
import { LAB_EPOCH } from '../../../../src-main/engine/hci/build'
import { VChart } from '@/components/charts'
import { configureAks, installedAks } from '@/testing/aksLab'
import { advanceUntil } from '@/testing/clusterLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import DashboardView from './DashboardView.vue'
import PerformanceChart from './PerformanceChart.vue'
import type { MetricId } from './performanceSeries'

const GiB = 1024 ** 3
const MIN = 60_000

/** The chart's plotted points, as ECharts gets them. */
function series(wrapper: VueWrapper, id: MetricId): [number, number][] {
  const chart = wrapper.findAllComponents(PerformanceChart).find((c) => c.props('metric').id === id)!
  const option = chart.findComponent(VChart).props('option') as { series: { data: [number, number][] }[] }
  return option.series[0]!.data
}
const text = (wrapper: VueWrapper, id: string) => wrapper.find(`[data-testid="${id}"]`).text()

describe('the Dashboard', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('starts a new lab with no VMs, no AKS host and no samples yet', async () => {
    const { wrapper } = await mountWithLab(DashboardView)
    expect(text(wrapper, 'tile-vms')).toBe('0 / 0')
    expect(text(wrapper, 'tile-aks-host')).toContain('Not set up')
    expect(text(wrapper, 'tile-aks')).toBe('0')
    expect(wrapper.find('[data-testid="perf-empty"]').exists()).toBe(true)
    expect(series(wrapper, 'cpu')).toEqual([])
  })

  it('shows the AKS host installing, with the install task’s progress', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(DashboardView, { api })
    configureAks(api.lab)
    expect(api.lab.dispatch({ type: 'aks.install' }).ok).toBe(true)
    api.lab.dispatch({ type: 'clock.advance', ms: 5 * MIN })
    await flushPromises()
    const task = api.lab.state.tasks[api.lab.state.aks.install!.taskId]!
    expect(task.percent).toBeGreaterThan(0)
    expect(text(wrapper, 'tile-aks-host')).toMatch(
      new RegExp(`Installing\\s*\\(${Math.round(task.percent)}%\\)`),
    )
  })

  it('follows the AKS install: the images written, the management VM running, memory up', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(DashboardView, { api })
    installedAks(api.lab)
    await flushPromises()

    expect(text(wrapper, 'tile-vms')).toBe('1 / 1')
    expect(text(wrapper, 'tile-vms-counts')).toMatch(/Running\s*1/)
    expect(text(wrapper, 'tile-aks-host')).toContain('Installed')
    expect(wrapper.find('[data-testid="perf-empty"]').exists()).toBe(false)

    const images = AKS_IMAGES.reduce((n, i) => n + i.sizeBytes, 0)
    const throughput = series(wrapper, 'throughput')
    expect(throughput.length).toBe(api.lab.state.performance.samples.length)
    // The images land as the download step ends, 10 minutes in: the one minute that writes 17 GiB.
    expect(throughput.find(([, v]) => v > 100e6)).toEqual([LAB_EPOCH + 10 * MIN, Math.round(images / 60)])
    expect(text(wrapper, 'perf-throughput')).toContain('20.5 KB/s') // the management VM's background writes

    const vm = Object.values(api.lab.state.vms)[0]!
    const memory = series(wrapper, 'memory')
    const before = (2 * HOST_RESERVE_BYTES) / (128 * GiB)
    const after = (2 * HOST_RESERVE_BYTES + vm.memoryBytes) / (128 * GiB)
    expect(memory[0]![1]).toBeCloseTo(before * 100, 5)
    expect(memory[memory.length - 1]![1]).toBeCloseTo(after * 100, 5)
    expect(text(wrapper, 'perf-memory')).toContain(`${(after * 100).toFixed(1)}%`)
    expect(series(wrapper, 'iops').length).toBeGreaterThan(0)
    expect(series(wrapper, 'latency').some(([, v]) => v > 0)).toBe(true)
  })

  it('shows a created cluster: its VMs, nodes and running pods, memory and CPU up', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(DashboardView, { api })
    installedAks(api.lab)
    await flushPromises()
    const installedCpu = series(wrapper, 'cpu').at(-1)![1]
    const installedMemory = series(wrapper, 'memory').at(-1)![1]

    const created = api.lab.dispatch({
      type: 'aks.cluster.create',
      name: 'demo',
      nodePools: [{ name: 'linuxpool1', osType: 'Linux' }],
    })
    expect(created.ok).toBe(true)
    const cluster = () => Object.values(api.lab.state.aksClusters)[0]
    advanceUntil(api.lab, () => cluster()?.phase === 'Provisioned', 'the cluster')
    api.lab.dispatch({ type: 'clock.advance', ms: 2 * MIN })
    await flushPromises()

    const vms = Object.values(api.lab.state.vms)
    const running = vms.filter((vm) => vm.state === 'Running').length
    expect(running).toBeGreaterThan(1)
    expect(text(wrapper, 'tile-vms')).toBe(`${running} / ${vms.length}`)
    expect(text(wrapper, 'tile-aks')).toBe('1')
    expect(text(wrapper, 'tile-aks-host')).toContain('Installed')
    const objects = Object.values(api.lab.state.kube) as { kind: string; status?: { phase?: string } }[]
    const nodes = objects.filter((o) => o.kind === 'Node').length
    const pods = objects.filter((o) => o.kind === 'Pod' && o.status?.phase === 'Running').length
    expect(nodes).toBeGreaterThan(0)
    expect(pods).toBeGreaterThan(0)
    const workloads = text(wrapper, 'tile-aks-workloads')
    expect(workloads).toMatch(new RegExp(`Nodes ready\\s*${nodes} / ${nodes}`))
    expect(workloads).toMatch(new RegExp(`Pods running\\s*${pods}`))
    expect(series(wrapper, 'memory').at(-1)![1]).toBeGreaterThan(installedMemory)
    expect(series(wrapper, 'cpu').at(-1)![1]).toBeGreaterThan(installedCpu)
  })
})
