import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { SAMPLE_MANIFESTS, STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'
import { provisionedCluster } from '@/testing/clusterLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import VolumeDetail from './VolumeDetail.vue'
import { describeChange } from './volumeChanges'

// The storage lesson on Volume01's page: a claim's VHDX shows its virtual size beside its size on
// disk (the blog's 100 GiB claim on the default class: 100 GiB virtual, 4 MiB on disk), the volume
// shows how much it has promised to VHDX files, and warns when they can grow past its free space.

const GiB = 1024 ** 3
const MiB = 1024 ** 2

function labWith(...manifests: string[]) {
  const api = fakeApi()
  provisionedCluster(api.lab, 'demo', false)
  for (const manifest of manifests) {
    const r = api.lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })
    if (!r.ok) throw new Error(r.error.message)
  }
  api.lab.dispatch({ type: 'clock.advance', ms: 10_000 })
  return api
}

const claimFile = (api: ReturnType<typeof fakeApi>, claim: string) =>
  Object.values(api.lab.state.files).find((f) => f.owner.label.includes(`(default/${claim})`))!

async function filesOf(api: ReturnType<typeof fakeApi>) {
  const { wrapper, router } = await mountWithLab(VolumeDetail, { api, props: { name: 'Volume01' } })
  await router.push('/?tab=files')
  await flushPromises()
  const table = wrapper.find('[data-testid="volume-files"]')
  const headers = table.findAll('thead th').map((th) => th.text())
  const rowOf = (fileId: string) =>
    table
      .find(`[data-row="${fileId}"]`)
      .findAll('td')
      .map((td) => td.text())
  return { wrapper, headers, rowOf }
}

describe('the volume’s files', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('show each VHDX’s type and virtual size beside its size on disk', async () => {
    const api = labWith(SAMPLE_MANIFESTS['pvc.yaml']!, STORAGE_SAMPLE_MANIFESTS['pvc-fixed.yaml']!)
    const { headers, rowOf } = await filesOf(api)
    expect(headers.map((h) => h.replace(/[▲▼]/g, '').trim())).toEqual([
      'Path',
      'Type',
      'Virtual size',
      'Size on disk',
      'Owner',
    ])
    const dynamic = rowOf(claimFile(api, 'bigvolume').id)
    expect(dynamic.slice(1, 4)).toEqual(['Dynamic VHDX', '100 GiB', '4 MiB'])
    const fixed = rowOf(claimFile(api, 'bigvolume-fixed').id)
    expect(fixed.slice(1, 4)).toEqual(['Fixed VHDX', '100 GiB', '100 GiB'])
  })

  it('show how much is provisioned to VHDX files, without a warning while it fits', async () => {
    const api = labWith(SAMPLE_MANIFESTS['pvc.yaml']!)
    const { wrapper } = await filesOf(api)
    const provisioning = wrapper.find('[data-testid="vhdx-provisioning"]')
    const vhdxBytes = Object.values(api.lab.state.files)
      .filter((f) => f.path.endsWith('.vhdx') && f.volumeId === claimFile(api, 'bigvolume').volumeId)
      .reduce((sum, f) => sum + f.sizeBytes, 0)
    expect(Number(provisioning.attributes('data-bytes'))).toBe(vhdxBytes)
    expect(vhdxBytes).toBeGreaterThan(100 * GiB)
    expect(provisioning.find('[data-testid="vhdx-provisioning-text"]').text()).toMatch(
      /^\d+ VHDX files: [\d.]+ GiB virtual \([\d.]+% of the volume\), [\d.]+ GiB on disk$/,
    )
    expect(wrapper.find('[data-testid="vhdx-overcommitted"]').exists()).toBe(false)
  })

  it('warn when the dynamic VHDX files can grow past the free space', async () => {
    const huge = SAMPLE_MANIFESTS['pvc.yaml']!.replace('bigvolume', 'hugevolume').replace('100Gi', '3Ti')
    const api = labWith(huge)
    expect(claimFile(api, 'hugevolume')).toMatchObject({ sizeBytes: 3 * 1024 * GiB, allocatedBytes: 4 * MiB })
    const { wrapper } = await filesOf(api)
    const warning = wrapper.find('[data-testid="vhdx-overcommitted"]')
    expect(warning.attributes('role')).toBe('alert')
    expect(warning.find('.status-icon.warning').exists()).toBe(true)
    expect(warning.text()).toMatch(
      /^This volume is overprovisioned: its dynamic VHDX files can grow by [\d.]+ TiB, more than the [\d.]+ TiB free\./,
    )
  })
})

describe('a VHDX in the capacity changes', () => {
  const path = 'C:\\ClusterStorage\\Volume01\\images\\abc\\pvc.vhdx'
  const dynamic = (virtualBytes: number, virtualDeltaBytes: number) => ({
    type: 'Dynamic' as const,
    virtualBytes,
    virtualDeltaBytes,
  })

  it('reads with its virtual size beside its bytes on disk', () => {
    const text = (c: Parameters<typeof describeChange>[0]) => describeChange(c).text
    expect(
      text({ kind: 'file-created', path, deltaBytes: 4 * MiB, vhdx: dynamic(100 * GiB, 100 * GiB) }),
    ).toBe('pvc.vhdx created: dynamic VHDX, 100 GiB virtual, +4 MiB on disk')
    expect(
      text({
        kind: 'file-created',
        path,
        deltaBytes: 100 * GiB,
        vhdx: { type: 'Fixed', virtualBytes: 100 * GiB, virtualDeltaBytes: 100 * GiB },
      }),
    ).toBe('pvc.vhdx created: fixed VHDX, 100 GiB virtual, +100 GiB on disk')
    expect(text({ kind: 'file-changed', path, deltaBytes: 32 * MiB, vhdx: dynamic(100 * GiB, 0) })).toBe(
      'pvc.vhdx grew by 32 MiB on disk (100 GiB virtual)',
    )
    expect(text({ kind: 'file-changed', path, deltaBytes: 0, vhdx: dynamic(200 * GiB, 100 * GiB) })).toBe(
      'pvc.vhdx expanded to 200 GiB virtual (size on disk unchanged)',
    )
    expect(
      text({ kind: 'file-deleted', path, deltaBytes: -36 * MiB, vhdx: dynamic(100 * GiB, -100 * GiB) }),
    ).toBe('pvc.vhdx deleted: dynamic VHDX, 100 GiB virtual, −36 MiB on disk')
  })
})
