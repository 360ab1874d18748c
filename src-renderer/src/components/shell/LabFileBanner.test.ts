import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import LabFileBanner from './LabFileBanner.vue'

const notice =
  'The lab file "demo.hcilab" was damaged, so it opened at its last good point. Command 57 of 60 ' +
  '(kube.apply demo) could not be replayed: boom; commands 57–60 were lost. The original file was kept as ' +
  'demo.damaged-2026-12-07.hcilab.'

describe('the lab file banner', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows nothing for a lab whose file is fine', async () => {
    const { wrapper } = await mountWithLab(LabFileBanner)
    expect(wrapper.text()).toBe('')
  })

  it('says a lab is read-only, and which one', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(LabFileBanner, { api })
    api.emit('lab:switched', {
      name: 'Shared',
      file: '/ro/shared.hcilab',
      recent: [],
      readOnly: true,
      recovery: null,
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="read-only-banner"]').text()).toMatch(
      /^Read-only: "Shared" is in a file/,
    )
  })

  it('shows what a damaged lab lost until it is dismissed', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(LabFileBanner, { api })
    api.emit('lab:switched', {
      name: 'demo',
      file: '/labs/demo.hcilab',
      recent: [],
      readOnly: false,
      recovery: notice,
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="recovery-banner"]').text()).toContain('commands 57–60 were lost')
    await wrapper.get('button[aria-label="Dismiss"]').trigger('click')
    expect(wrapper.find('[data-testid="recovery-banner"]').exists()).toBe(false)
  })
})
