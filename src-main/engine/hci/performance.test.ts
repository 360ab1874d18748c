import { describe, expect, it } from 'vitest'
import { AKS_IMAGES, AKS_INSTALL_MS, HOST_RESERVE_BYTES } from '@shared/aks-assumptions'
import { PERFORMANCE_HISTORY_SAMPLES } from '@shared/performance'
import { BULK_IO_BYTES, MEDIA_WRITE_PERFORMANCE } from '@shared/performance-assumptions'
import { configure, newLab, ok, register } from '../aks/testkit'
import { withCluster, MIN } from '../aks/cluster-testkit'
import { demoStory } from '../console/kubectl/story'
import { LAB_EPOCH } from './build'

// The seed lab: 2 servers × 4 cores × 64 GiB, 8 SSD capacity drives (no cache).
const GiB = 1024 ** 3
const memoryTotal = 2 * 64 * GiB
const ssd = MEDIA_WRITE_PERFORMANCE.SSD

describe('the performance history', () => {
  it('samples an idle lab once a virtual minute: the hosts only', () => {
    const lab = newLab()
    ok(lab, { type: 'clock.advance', ms: 5 * MIN + 30_000 })
    const samples = lab.state.performance.samples
    expect(samples.map((s) => s.t)).toEqual([0, 1, 2, 3, 4, 5].map((m) => LAB_EPOCH + m * MIN))
    expect(samples[0]).toEqual({
      t: LAB_EPOCH,
      cpuPercent: 5, // 2 × 0.2 cores of 8
      memoryUsedBytes: 2 * HOST_RESERVE_BYTES,
      memoryTotalBytes: memoryTotal,
      iops: 0,
      throughputBytesPerSec: 0,
      latencyMs: 0,
    })
  })

  it('follows the AKS install: images written, then the management VM boots and runs', () => {
    const lab = newLab()
    ok(lab, configure())
    ok(lab, register)
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS + MIN })
    const samples = lab.state.performance.samples
    const images = AKS_IMAGES.reduce((n, i) => n + i.sizeBytes, 0)
    // The minute the images land (the end of the 1 + 9 minute steps) is the one that writes them.
    const written = samples.filter((s) => s.throughputBytesPerSec >= Math.round(images / 60))
    expect(written.map((s) => s.t)).toEqual([LAB_EPOCH + 10 * MIN])
    expect(written[0]!.throughputBytesPerSec).toBe(Math.round(images / 60))
    const iops = images / BULK_IO_BYTES / 60
    expect(written[0]!.iops).toBeCloseTo(iops, 2)
    const utilisation = Math.max(
      iops / (8 * ssd.iops),
      written[0]!.throughputBytesPerSec / (8 * ssd.bytesPerSec),
    )
    expect(written[0]!.latencyMs).toBeCloseTo(ssd.latencyMs / (1 - utilisation), 3)
    expect(written[0]!.cpuPercent).toBeGreaterThan(samples[0]!.cpuPercent)

    const vm = Object.values(lab.state.vms)[0]!
    const last = samples[samples.length - 1]!
    expect(last.memoryUsedBytes).toBe(2 * HOST_RESERVE_BYTES + vm.memoryBytes)
    expect(last.cpuPercent).toBe(6.25) // hosts + one running VM at rest
    expect(last.iops).toBe(5)
    expect(last.throughputBytesPerSec).toBe(5 * 4096)
    expect(last.latencyMs).toBeCloseTo(ssd.latencyMs, 3)
    // While it boots, the VM keeps a core busy.
    const booting = samples.find((s) => s.memoryUsedBytes > 2 * HOST_RESERVE_BYTES)!
    expect(booting.cpuPercent).toBeGreaterThan(last.cpuPercent)
  })

  it('shows a cluster’s VMs in memory and its containers in CPU', () => {
    const lab = withCluster('demo', 2)
    const last = lab.state.performance.samples.at(-1)!
    const vms = Object.values(lab.state.vms).filter((vm) => vm.state === 'Running')
    expect(vms.length).toBe(5) // management, control plane, load balancer, 2 workers
    expect(last.memoryUsedBytes).toBe(2 * HOST_RESERVE_BYTES + vms.reduce((n, vm) => n + vm.memoryBytes, 0))
    expect(last.cpuPercent).toBeGreaterThan(((0.4 + 5 * 0.1) / 8) * 100)
  })

  it('counts the demo app’s appends as small writes, a 4 KiB block each', () => {
    const c = demoStory()
    c.lab.dispatch({ type: 'clock.advance', ms: 3 * MIN })
    const last = c.lab.state.performance.samples.at(-1)!
    const running = Object.values(c.lab.state.vms).filter((vm) => vm.state === 'Running').length
    const background = running * 5
    // demo2's and demo3's pods each append one line a minute, on the minute.
    const appends = Math.round((last.iops - background) * 60)
    expect(appends).toBeGreaterThan(0)
    expect(last.throughputBytesPerSec).toBeGreaterThan(background * 4096)
    expect(last.throughputBytesPerSec).toBeLessThan(background * 4096 + 1000)
  })

  it('gives the memory back when the cluster is deleted', () => {
    const lab = withCluster('demo', 2)
    const mgmt = lab.state.vms[lab.state.aks.managementVmId!]!
    ok(lab, { type: 'aks.cluster.delete', name: 'demo' })
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    expect(lab.state.performance.samples.at(-1)!.memoryUsedBytes).toBe(
      2 * HOST_RESERVE_BYTES + mgmt.memoryBytes,
    )
  })

  it('times writes on the cache drives: NVMe in front of HDD', () => {
    const lab = newLab(1, {
      servers: 2,
      cores: 8,
      memoryBytes: 128 * GiB,
      drives: [
        { count: 2, sizeBytes: 1.6e12, media: 'NVMe' },
        { count: 4, sizeBytes: 4e12, media: 'HDD' },
      ],
    })
    ok(lab, configure())
    ok(lab, register)
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS + MIN })
    const last = lab.state.performance.samples.at(-1)!
    expect(last.cpuPercent).toBe(3.13) // (2 × 0.2 + 0.1) cores of 16
    expect(last.iops).toBe(5)
    expect(last.latencyMs).toBeCloseTo(MEDIA_WRITE_PERFORMANCE.NVMe.latencyMs, 3)
  })

  it('keeps the last hour only, also after a long jump', () => {
    const lab = newLab()
    ok(lab, { type: 'clock.advance', ms: 3 * 60 * MIN })
    const samples = lab.state.performance.samples
    expect(samples).toHaveLength(PERFORMANCE_HISTORY_SAMPLES)
    expect(samples.at(-1)!.t).toBe(lab.now - MIN)
    expect(samples[0]!.t).toBe(lab.now - 60 * MIN)
  })

  it('takes the same samples whether the clock moves in one step or minute by minute', () => {
    const whole = newLab()
    const stepped = newLab()
    for (const lab of [whole, stepped]) {
      ok(lab, configure())
      ok(lab, register)
      ok(lab, { type: 'aks.install' })
    }
    ok(whole, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    for (let t = 0; t < AKS_INSTALL_MS; t += 25_000)
      ok(stepped, { type: 'clock.advance', ms: Math.min(25_000, AKS_INSTALL_MS - t) })
    expect(stepped.state.performance).toEqual(whole.state.performance)
  })
})
