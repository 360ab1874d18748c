import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getKube, listKube } from '@shared/kube'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { advanceUntil, provisionedCluster } from '@/testing/clusterLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import VolumeFiles from '@/views/Volumes/VolumeFiles.vue'
import ClusterDetail from '../ClusterDetail.vue'
import { str } from '@shared/kube-fields'
import { pvFile } from './pvTrace'

// The cluster page's Kubernetes tabs against a real engine Lab with a provisioned cluster: apply a
// manifest from the editor, follow a claim to its VHDX and back, scale and delete a deployment.

const tick = () => new Promise((r) => setTimeout(r, 0)).then(flushPromises)

describe('Kubernetes views of a cluster', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('applies pvc.yaml from the editor, lists the bound claim and links it to its VHDX', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab, 'demo', false)
    const { wrapper, router } = await mountWithLab(ClusterDetail, { api, props: { name: 'demo' } })
    await router.push('/?tab=storage')
    await tick()
    await wrapper.find('[data-testid="kube-apply"]').trigger('click')
    // The panel (and CodeMirror) loads on demand.
    for (let i = 0; i < 100 && !wrapper.find('[data-testid="apply-sample"]').exists(); i++) await tick()
    await wrapper.find('[data-testid="apply-sample"]').setValue('pvc.yaml')
    // On a busy machine the editor and the command's reply may take more than a tick.
    await vi.waitFor(async () => {
      await tick()
      expect(wrapper.find('[data-testid="yaml-editor"]').text()).toContain('bigvolume')
    })
    await wrapper.find('[data-testid="apply-submit"]').trigger('click')
    await vi.waitFor(async () => {
      await tick()
      expect(wrapper.find('[data-testid="apply-results"]').text()).toBe(
        'persistentvolumeclaim/bigvolume created',
      )
    })
    await wrapper.find('[data-testid="apply-create"]').trigger('click')
    await vi.waitFor(async () => {
      await tick()
      expect(wrapper.find('[data-testid="apply-results"]').text()).toContain('AlreadyExists')
    })
    expect(wrapper.find('[data-testid="apply-results"] .err').exists()).toBe(true)

    advanceUntil(
      api.lab,
      () =>
        str(
          getKube(api.lab.state, cluster.id, 'PersistentVolumeClaim', 'default', 'bigvolume'),
          'status.phase',
        ) === 'Bound',
      'the claim to bind',
    )
    await tick()
    const row = wrapper.find(
      '[data-testid="cluster-persistentvolumeclaims-table"] [data-row="default/bigvolume"]',
    )
    const cells = row.findAll('td').map((td) => td.text())
    const pvc = getKube(api.lab.state, cluster.id, 'PersistentVolumeClaim', 'default', 'bigvolume')!
    const pvName = (pvc.spec as { volumeName: string }).volumeName
    expect(cells.slice(0, 6)).toEqual(['default', 'bigvolume', 'Bound', pvName, '100Gi', 'RWO'])
    const vhdx = pvFile(api.lab.state, pvName)!
    expect(vhdx.file.path).toMatch(/\.vhdx$/)
    expect(row.find('[data-testid="pvc-volume-link"]').attributes('href')).toContain(
      `/volumes/Volume01?file=${encodeURIComponent(vhdx.file.id)}`,
    )

    await row.trigger('click')
    await tick()
    expect(wrapper.find('[data-testid="kube-detail-vhdx"]').text()).toContain(vhdx.file.path)
    await wrapper.find('[data-testid="kube-detail-yaml"]').trigger('click')
    // The YAML view is CodeMirror, loaded with it.
    await vi.waitFor(async () => {
      await tick()
      expect(wrapper.find('[data-testid="kube-detail-yaml-text"] .cm-content').text()).toContain(
        'name: bigvolume',
      )
    })

    await wrapper.find('[data-testid="kube-kind-StorageClass"]').trigger('click')
    await tick()
    expect(wrapper.find('[data-testid="cluster-storageclasses-table"]').text()).toContain('default (default)')
  })

  it("shows a PV's VHDX with its claim, cluster and pods on the volume's files, highlighted", async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab, 'demo', false)
    const apply = api.lab.dispatch({
      type: 'kube.apply',
      cluster: 'demo',
      manifest: SAMPLE_MANIFESTS['demo1.yaml']!,
      mode: 'apply',
      namespace: null,
    })
    expect(apply.ok).toBe(true)
    advanceUntil(
      api.lab,
      () => str(getKube(api.lab.state, cluster.id, 'Pod', 'default', 'demo1'), 'status.phase') === 'Running',
      'demo1 to run',
    )
    const pv = (
      getKube(api.lab.state, cluster.id, 'PersistentVolumeClaim', 'default', 'myvolumeclaim')!.spec as {
        volumeName: string
      }
    ).volumeName
    const { file } = pvFile(api.lab.state, pv)!
    const { wrapper, router } = await mountWithLab(VolumeFiles, { api, props: { volumeId: file.volumeId } })
    await router.push(`/?file=${file.id}`)
    await tick()
    const row = wrapper.find(`[data-row="${file.id}"]`)
    expect(row.classes()).toContain('selected')
    expect(row.find('[data-testid="file-pv"]').text()).toContain(`PV ${pv}`)
    expect(row.find('[data-testid="file-pvc-link"]').text()).toBe('default/myvolumeclaim')
    expect(row.find('[data-testid="file-cluster"]').text()).toBe('demo')
    expect(row.find('[data-testid="file-pods"]').text()).toBe('demo1')
    expect(row.find('[data-testid="file-pvc-link"]').attributes('href')).toContain(
      '/aks/clusters/demo?tab=storage&kind=PersistentVolumeClaim&obj=default%2Fmyvolumeclaim',
    )
  })

  it('scales and deletes a deployment, and shows a pod with its containers, conditions and events', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab, 'demo', false)
    api.lab.dispatch({
      type: 'kube.apply',
      cluster: 'demo',
      manifest: SAMPLE_MANIFESTS['demo2.yaml']!,
      mode: 'apply',
      namespace: null,
    })
    const running = () =>
      listKube(api.lab.state, cluster.id, { kind: 'Pod', namespace: 'default' }).filter(
        (p) => str(p, 'status.phase') === 'Running',
      ).length
    advanceUntil(api.lab, () => running() === 1, 'demo2 to run')
    const { wrapper, router } = await mountWithLab(ClusterDetail, { api, props: { name: 'demo' } })
    await router.push('/?tab=workloads')
    await tick()
    const table = () => wrapper.find('[data-testid="cluster-deployments-table"]')
    expect(table().find('[data-row="default/demo2"]').findAll('td')[2]!.text()).toBe('1/1')
    expect(wrapper.find('[data-testid="kube-scale"]').attributes('disabled')).toBeDefined()
    await table().find('[data-row="default/demo2"]').trigger('click')
    await tick()
    await wrapper.find('[data-testid="kube-scale"]').trigger('click')
    await wrapper.find('[data-testid="workload-replicas"]').setValue(3)
    await wrapper.find('[data-testid="workload-scale-submit"]').trigger('click')
    await tick()
    expect(wrapper.find('[data-testid="scale-workload-panel"]').exists()).toBe(false)
    advanceUntil(api.lab, () => running() === 3, 'three replicas')
    await tick()
    expect(table().find('[data-row="default/demo2"]').findAll('td')[2]!.text()).toBe('3/3')

    await router.push('/?tab=pods')
    await tick()
    await wrapper.find('[data-testid="kube-namespace"]').setValue('default')
    const podRows = wrapper.findAll('[data-testid="cluster-pods-table"] tbody tr')
    expect(podRows).toHaveLength(3)
    expect(podRows.map((r) => r.findAll('td')[3]!.text())).toEqual(['Running', 'Running', 'Running'])
    await podRows[0]!.trigger('click')
    await tick()
    const detail = wrapper.find('[data-testid="kube-detail"]')
    expect(detail.find('[data-testid="kube-detail-containers"]').text()).toContain('aks-demo')
    expect(detail.find('[data-testid="kube-detail-conditions"]').text()).toContain('Ready: True')
    // As kubectl describe lists them: in time order, with type, age, source and message.
    const events = detail
      .findAll('[data-testid="kube-detail-events"] tbody tr')
      .map((r) => r.findAll('td').map((td) => td.text()))
    expect(events.map((e) => e[1])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'])
    expect(events[0]).toEqual([
      'Normal',
      'Scheduled',
      expect.stringMatching(/^\d+s$/),
      'default-scheduler',
      expect.stringMatching(/^Successfully assigned default\/demo2-/),
    ])

    await router.push('/?tab=workloads')
    await tick()
    await table().find('[data-row="default/demo2"]').trigger('click')
    await tick()
    // ReplicaSets are listed too, with the deployment's one at 3 of 3 and a ready icon.
    await wrapper.find('[data-testid="kube-kind-ReplicaSet"]').trigger('click')
    await tick()
    const rs = wrapper
      .findAll('[data-testid="cluster-replicasets-table"] tbody tr')
      .find((r) => r.attributes('data-row')?.startsWith('default/demo2-'))!
    // NAMESPACE NAME DESIRED CURRENT READY AGE
    expect(
      rs
        .findAll('td')
        .map((td) => td.text())
        .slice(2, 5),
    ).toEqual(['3', '3', '3'])
    expect(rs.find('.status-cell svg').exists()).toBe(true)
    await wrapper.find('[data-testid="kube-kind-Deployment"]').trigger('click')
    await tick()
    // Edit YAML from the detail pane: the manifest without status or server-set fields, applied again.
    await table().find('[data-row="default/demo2"]').trigger('click')
    await tick()
    await wrapper.find('[data-testid="kube-detail-edit"]').trigger('click')
    await tick()
    const editor = wrapper.find('[data-testid="apply-panel"]')
    expect(editor.text()).toContain('Edit deployment/demo2')
    const yamlText = editor.find('.cm-content').text()
    expect(yamlText).toContain('replicas: 3')
    expect(yamlText).not.toContain('resourceVersion')
    expect(yamlText).not.toContain('status:')
    // An editor of this object, not the Apply panel: no samples, no Create; Save and Cancel.
    expect(editor.find('[data-testid="apply-sample"]').exists()).toBe(false)
    expect(editor.find('[data-testid="apply-create"]').exists()).toBe(false)
    expect(editor.find('[data-testid="apply-submit"]').text()).toBe('Save')
    expect(editor.find('[data-testid="apply-close"]').text()).toBe('Cancel')
    await editor.find('[data-testid="apply-submit"]').trigger('click')
    await tick()
    expect(editor.find('[data-testid="apply-results"]').text()).toMatch(
      /^deployment\.apps\/demo2 (configured|unchanged)$/,
    )
    await editor.find('[data-testid="apply-close"]').trigger('click')
    await tick()
    // Delete from the detail pane, confirmed in a dialog that shows the kubectl command.
    await wrapper.find('[data-testid="kube-detail-delete"]').trigger('click')
    const dialog = wrapper.find('[data-testid="kube-delete-dialog"]')
    expect(dialog.text()).toContain('kubectl delete deployment/demo2 -n default')
    await dialog.find('[data-testid="kube-delete-yes"]').trigger('click')
    await tick()
    expect(wrapper.find('[data-testid="kube-delete-dialog"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="kube-message"]').text()).toContain('deployment "demo2" deleted')
    expect(getKube(api.lab.state, cluster.id, 'Deployment', 'default', 'demo2')).toBeUndefined()
    expect(table().find('[data-row="default/demo2"]').exists()).toBe(false)

    await router.push('/?tab=events')
    await tick()
    expect(wrapper.find('[data-testid="cluster-events-table"]').text()).toContain('ScalingReplicaSet')
  })
})
