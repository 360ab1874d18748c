import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { installedAks } from '@/testing/aksLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import { useNotificationStore } from '@/stores/notifications'
import NotificationsPane from './NotificationsPane.vue'

// The bell's pane as a person reads it while a cluster is created: the running title with its start
// and progress, then the outcome's title with its end time and how long it took.

afterEach(() => {
  document.body.innerHTML = ''
})

async function paneWithClusterCreating() {
  const api = fakeApi()
  installedAks(api.lab)
  const { wrapper } = await mountWithLab(NotificationsPane, { api })
  const reply = api.lab.dispatch({
    type: 'aks.cluster.create',
    name: 'demo',
    nodePools: [{ name: 'linuxpool1', osType: 'Linux' }],
  })
  if (!reply.ok) throw new Error(reply.error.message)
  await flushPromises()
  return { api, wrapper }
}

const newest = (w: Awaited<ReturnType<typeof paneWithClusterCreating>>['wrapper']) =>
  w.findAll('[data-testid="notification"]')[0]!

describe('NotificationsPane', () => {
  it('shows a running task with its start and progress, then its outcome and end time', async () => {
    const { api, wrapper } = await paneWithClusterCreating()
    const running = newest(wrapper)
    expect(running.attributes('data-state')).toBe('InProgress')
    expect(running.text()).toContain('Creating Kubernetes cluster demo')
    expect(running.text()).toMatch(/Started 9\/22\/2020 \d+:\d\d:\d\d [AP]M · 0%/)
    expect(running.find('[role="progressbar"]').exists()).toBe(true)

    api.lab.dispatch({ type: 'clock.advance', ms: 30 * 60_000 })
    await flushPromises()
    const done = newest(wrapper)
    expect(done.attributes('data-state')).toBe('Success')
    expect(done.text()).toContain('Successfully created Kubernetes cluster demo')
    expect(done.text()).toContain('Kubernetes cluster demo is provisioned')
    expect(done.text()).toMatch(/Ended 9\/22\/2020 \d+:\d\d:\d\d [AP]M · took \d+ min/)
    expect(done.text()).not.toContain('Started')
    expect(done.find('[role="progressbar"]').exists()).toBe(false)
  })

  it('counts a seen task again in the bell when it ends', async () => {
    const { api } = await paneWithClusterCreating()
    const bell = useNotificationStore()
    bell.markAllSeen()
    const runningOnly = bell.unseen // the running task always counts
    api.lab.dispatch({ type: 'clock.advance', ms: 30 * 60_000 })
    await flushPromises()
    expect(bell.unseen).toBe(runningOnly)
    bell.markAllSeen()
    expect(bell.unseen).toBe(0)
  })

  it('does not count a task that ends while the pane is open', async () => {
    const { api } = await paneWithClusterCreating()
    const bell = useNotificationStore()
    bell.toggle() // open: everything shown is seen
    api.lab.dispatch({ type: 'clock.advance', ms: 30 * 60_000 })
    await flushPromises()
    expect(bell.unseen).toBe(0)
  })
})
