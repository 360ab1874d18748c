import { afterEach, describe, expect, it } from 'vitest'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab, settle } from '@/testing/mountWithLab'
import DeleteVolumeDialog from './DeleteVolumeDialog.vue'

describe('Delete volume dialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('keeps Delete disabled until "I understand" is ticked, then deletes', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(DeleteVolumeDialog, {
      api,
      props: { name: 'Volume01', path: 'C:\\ClusterStorage\\Volume01' },
    })
    const submit = wrapper.find('[data-testid="delete-volume-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="delete-understand"]').setValue(true)
    expect(submit.attributes('disabled')).toBeUndefined()
    await submit.trigger('click')
    await settle(0)
    expect(Object.keys(api.lab.state.volumes)).toEqual([])
    expect(wrapper.emitted('deleted')).toEqual([['Volume01']])
  })
})
