import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AKS_INSTALL_STEPS } from '@shared/aks-assumptions'
import { checkHostCredentials } from '@shared/aks-checks'
import { vnetProblems } from '@shared/aks-vnet'
import { configureAks } from '@/testing/aksLab'
import { fakeApi, viewOf, type FakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import SetupProgress from './SetupProgress.vue'
import SetupWizard from './SetupWizard.vue'
import { vnetOf, type WizardForm } from './wizardForm'

// The wizard against a real engine Lab: what gates Next is the shared rules' verdict, and Apply
// leaves the lab exactly as the three PowerShell commands would.

const next = (w: VueWrapper) => w.find('[data-testid="aks-next"]')
const wait = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms)
  await flushPromises()
}

async function toHostConfig(w: VueWrapper, api: FakeApi) {
  await next(w).trigger('click')
  await w.find('[data-testid="aks-user"]').setValue(api.lab.state.cluster.adminUser)
  await w.find('[data-testid="aks-password"]').setValue(api.lab.state.cluster.adminPassword)
  await w.find('form').trigger('submit')
  await wait(3000)
  expect(next(w).attributes('disabled')).toBeUndefined()
  await next(w).trigger('click')
  await w.find('[data-testid="aks-credssp"]').setValue(true)
  await next(w).trigger('click')
}

async function fillDhcp(w: VueWrapper, vipStart: string, vipEnd: string) {
  await w.find('[data-volume="Volume01"] input').setValue(true)
  await w.find('[data-testid="aks-vip-start"]').setValue(vipStart)
  await w.find('[data-testid="aks-vip-end"]').setValue(vipEnd)
  await wait(500)
}

/** Fake timers (the checks' debounce), no draft from an earlier test, an empty page after each. */
function useWizardTimers() {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    sessionStorage.clear()
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })
}

describe('AKS Set up wizard', () => {
  useWizardTimers()

  it('refuses wrong credentials with the shared message and keeps Next disabled', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(SetupWizard, { api })
    await next(wrapper).trigger('click')
    await wrapper.find('[data-testid="aks-user"]').setValue('CONTOSO\\Administrator')
    await wrapper.find('[data-testid="aks-password"]').setValue('not-the-password')
    await wrapper.find('form').trigger('submit')
    await wait(3000)
    const expected = checkHostCredentials(viewOf(api.lab), 'CONTOSO\\Administrator', 'not-the-password')
    expect(expected.ok).toBe(false)
    expect(wrapper.find('[data-testid="aks-credential-error"]').text()).toBe(
      expected.ok ? '' : expected.message,
    )
    expect(next(wrapper).attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="aks-server-checks"]').exists()).toBe(false)
  })

  it('blocks Next on DHCP when the VIP pool overlaps the DHCP scope, with the shared error', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(SetupWizard, { api })
    await toHostConfig(wrapper, api)
    expect(wrapper.find('#host-title').exists()).toBe(true)
    await fillDhcp(wrapper, '192.168.0.150', '192.168.0.160')
    const view = viewOf(api.lab)
    const form = { vswitchName: 'ConvergedSwitch', ipAllocation: 'DHCP', vlanEnabled: false, vlanId: '' }
    const expected = vnetProblems(
      vnetOf({ ...form, vipPoolStart: '192.168.0.150', vipPoolEnd: '192.168.0.160' } as WizardForm),
      view,
    )
    expect(expected.some((p) => p.includes('DHCP scope'))).toBe(true)
    const shown = wrapper.findAll('[data-testid="aks-network-problems"] li').map((li) => li.text())
    expect(shown).toEqual(expected)
    expect(next(wrapper).attributes('disabled')).toBeDefined()

    await fillDhcp(wrapper, '192.168.0.200', '192.168.0.220')
    expect(wrapper.find('[data-testid="aks-network-problems"]').exists()).toBe(false)
    expect(next(wrapper).attributes('disabled')).toBeUndefined()
  })

  it('reviews the choices with the four PowerShell commands, and Apply starts the install', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(SetupWizard, { api })
    await toHostConfig(wrapper, api)
    await fillDhcp(wrapper, '192.168.0.200', '192.168.0.220')
    await next(wrapper).trigger('click')
    await wait(500)
    expect(wrapper.find('[data-testid="aks-simulated"]').exists()).toBe(true)
    await next(wrapper).trigger('click')
    const code = wrapper.find('[data-testid="aks-review-ps"] pre').text()
    const lines = code.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(
      /^\$vnet = New-AksHciNetworkSetting -name mgmtvnet -vswitchName "ConvergedSwitch"/,
    )
    expect(lines[1]).toContain('Set-AksHciConfig -imageDir "C:\\ClusterStorage\\Volume01\\images"')
    expect(lines[2]).toMatch(/^Set-AksHciRegistration -subscriptionId "[0-9a-f-]{36}"/)
    expect(lines[3]).toBe('Install-AksHci')

    await wrapper.find('[data-testid="aks-apply"]').trigger('click')
    await flushPromises()
    const sent = api.calls
      .filter((c) => c.channel === 'lab:command')
      .map((c) => (c.input as { command: { type: string } }).command.type)
    expect(sent).toEqual(['aks.configure', 'aks.register', 'aks.install'])
    expect(api.lab.state.aks.phase).toBe('Installing')
    expect(api.lab.state.aks.config?.imageDir).toBe('C:\\ClusterStorage\\Volume01\\images')
    expect(wrapper.find('[data-testid="aks-progress"]').exists()).toBe(true)
  })
})

describe('AKS setup progress', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders the steps, their states and the log from the engine state', async () => {
    const api = fakeApi()
    const lab = api.lab
    configureAks(lab)
    expect(lab.dispatch({ type: 'aks.install' }).ok).toBe(true)
    const firstTwo = AKS_INSTALL_STEPS[0].ms + AKS_INSTALL_STEPS[1].ms
    lab.dispatch({ type: 'clock.advance', ms: firstTwo + 60_000 })
    const { wrapper } = await mountWithLab(SetupProgress, { api })
    const states = wrapper.findAll('[data-step]').map((li) => li.attributes('data-state'))
    expect(states).toEqual(lab.state.aks.install!.steps.map((s) => s.state))
    expect(states.slice(0, 3)).toEqual(['Done', 'Done', 'Running'])
    expect(wrapper.find('[data-step="images"]').text()).toContain('Completed')
    expect(wrapper.find('[data-testid="aks-elapsed"]').text()).toContain('elapsed 11:00')
    expect(wrapper.find('[data-testid="aks-log"]').text()).toContain(AKS_INSTALL_STEPS[2].title)
    // Oldest first, as a log reads.
    const lines = wrapper.findAll('[data-testid="aks-log"] li').map((li) => li.text())
    expect(lines).toHaveLength(lab.state.aks.install!.log.length)
    expect(lines[0]).toContain(lab.state.aks.install!.log[0]!.text)
    expect(lines.at(-1)).toContain(lab.state.aks.install!.log.at(-1)!.text)
    expect(wrapper.find('[data-testid="aks-cancel-install"]').exists()).toBe(true)
  })
})

describe('the Set up wizard’s Host configuration', () => {
  useWizardTimers()

  it('preselects the only shared volume, says "required" for an empty field, and shows the first problem', async () => {
    const api = fakeApi()
    const { wrapper: w } = await mountWithLab(SetupWizard, { api })
    await toHostConfig(w, api)
    expect(w.find('[data-volume="Volume01"] input').element).toHaveProperty('checked', true)
    await w.find('[data-testid="aks-vip-start"]').setValue('192.168.0.150')
    await wait(500)
    expect(w.find('[data-testid="aks-network-problems"]').text()).toContain('The VIP pool end is required.')
    const blocked = w.find('button[data-testid="aks-blocked"]')
    expect(blocked.text()).toBe('Fix the settings marked above to continue.')
    await blocked.trigger('click')
    expect(document.activeElement?.getAttribute('aria-invalid')).toBe('true')
  })
})

describe('the Set up wizard’s draft', () => {
  useWizardTimers()

  it('survives leaving the wizard (or a reload) and is discarded only after a warning', async () => {
    const api = fakeApi()
    const first = await mountWithLab(SetupWizard, { api })
    await toHostConfig(first.wrapper, api)
    await fillDhcp(first.wrapper, '192.168.0.150', '192.168.0.180')
    first.wrapper.unmount() // off to Settings, or the page reloads

    const again = await mountWithLab(SetupWizard, { api })
    const w = again.wrapper
    expect(w.find('[data-testid="aks-vip-start"]').element).toHaveProperty('value', '192.168.0.150')
    expect(w.find('[data-testid="aks-vip-end"]').element).toHaveProperty('value', '192.168.0.180')

    await w.find('[data-testid="aks-cancel"]').trigger('click')
    expect(document.body.textContent).toContain('Discard this setup?')
    const confirm = document.body.querySelector<HTMLButtonElement>('[data-testid="aks-discard-confirm"]')!
    confirm.click()
    await flushPromises()
    w.unmount()

    const fresh = await mountWithLab(SetupWizard, { api })
    expect(fresh.wrapper.find('[data-testid="aks-vip-start"]').exists()).toBe(false) // back at step 1
  })
})
