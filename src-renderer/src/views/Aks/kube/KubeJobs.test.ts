import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { str } from '@shared/kube-fields'
import { advanceUntil, provisionedCluster } from '@/testing/clusterLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import ClusterDetail from '../ClusterDetail.vue'
import { readyStatus } from './kubeStatus'

// Jobs in the cluster page's Workloads tab: kubectl's columns (a 1.20 server's) and the icon.

const tick = () => new Promise((r) => setTimeout(r, 0)).then(flushPromises)
const JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: hello}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: hello, image: busybox, command: [echo, hi]}]
`

describe('Jobs in the Workloads tab', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists a completed job with COMPLETIONS 1/1 and a success icon', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab, 'demo', false)
    api.lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest: JOB, mode: 'apply', namespace: null })
    advanceUntil(
      api.lab,
      () => str(getKube(api.lab.state, cluster.id, 'Job', 'default', 'hello'), 'status.succeeded') === '1',
      'the job to complete',
    )
    const { wrapper, router } = await mountWithLab(ClusterDetail, { api, props: { name: 'demo' } })
    await router.push('/?tab=workloads')
    await tick()
    await wrapper.find('[data-testid="kube-kind-Job"]').trigger('click')
    await tick()
    const row = wrapper.find('[data-testid="cluster-jobs-table"] [data-row="default/hello"]')
    // NAMESPACE NAME COMPLETIONS DURATION AGE
    const cells = row.findAll('td').map((td) => td.text())
    expect(cells.slice(1, 3)).toEqual(['hello', '1/1'])
    expect(cells[3]).toMatch(/^\d+s$/)
    expect(row.find('.status-cell svg').exists()).toBe(true)
  })

  it('reads a job icon from its conditions', () => {
    const job = (conditions: unknown[]): KubeObject =>
      ({ kind: 'Job', metadata: { name: 'j' }, status: { conditions } }) as unknown as KubeObject
    expect(readyStatus(job([]))).toBe('progress')
    expect(readyStatus(job([{ type: 'Complete', status: 'True' }]))).toBe('success')
    expect(readyStatus(job([{ type: 'Failed', status: 'True' }]))).toBe('error')
  })
})
