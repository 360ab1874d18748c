import { inject, provide, reactive, type InjectionKey } from 'vue'
import type { AksRegistration, AksVnet } from '@shared/aks'
import { AKS_REGIONS } from '@shared/aks-assumptions'
import { joinPath } from '@shared/aks-paths'
import type { CommandInput } from '@shared/commands'
import type { LabView } from '@shared/contract'
import { csvPath } from '@shared/s2d'

// The Set up wizard's answers and what they become: the same three commands the PowerShell flow
// dispatches (Set-AksHciConfig, Set-AksHciRegistration, Install-AksHci), so both paths give the
// same lab. The rules live in the shared modules; this file only translates.

/** WAC asks no network setting name; the docs' examples call the host's network "mgmtvnet". */
export const VNET_NAME = 'mgmtvnet'
export const DEFAULT_IMAGE_FOLDER = 'images'

export interface WizardForm {
  user: string
  password: string
  credentialsOk: boolean
  checksDone: boolean // the per-server checks ran to the end
  credSsp: boolean
  volumeId: string
  folder: string
  autoUpdates: boolean
  vswitchName: string
  vlanEnabled: boolean
  vlanId: string
  ipAllocation: 'DHCP' | 'Static'
  subnet: string
  gateway: string
  dnsServers: string
  nodePoolStart: string
  nodePoolEnd: string
  vipPoolStart: string
  vipPoolEnd: string
  subscriptionId: string
  resourceGroupName: string
  region: string
}

const FORM: InjectionKey<WizardForm> = Symbol('aks-wizard-form')

/** The steps share one form object through the wizard (provide/inject), not props they would mutate. */
export function provideWizardForm(form: WizardForm): void {
  provide(FORM, form)
}

export function useWizardForm(): WizardForm {
  const form = inject(FORM)
  if (!form) throw new Error('useWizardForm() outside the Set up wizard')
  return form
}

/** A fresh form, with what WAC fills in itself (the switch, the lab's subnet, the first region). */
export function newWizardForm(view: LabView): WizardForm {
  const external = Object.values(view.switches).find((s) => s.switchType === 'External')
  const net = view.cluster.network
  return reactive({
    user: '',
    password: '',
    credentialsOk: false,
    checksDone: false,
    credSsp: false,
    volumeId: '',
    folder: DEFAULT_IMAGE_FOLDER,
    autoUpdates: true,
    vswitchName: external?.name ?? '',
    vlanEnabled: false,
    vlanId: '',
    ipAllocation: 'DHCP',
    subnet: net.subnet,
    gateway: net.gateway,
    dnsServers: net.dnsServers.join(', '),
    nodePoolStart: '',
    nodePoolEnd: '',
    vipPoolStart: '',
    vipPoolEnd: '',
    // Simulated: WAC lists the signed-in account's subscriptions; the lab makes one up from its seed.
    subscriptionId: simulatedSubscription(view.meta.seed),
    resourceGroupName: 'aks-hci-rg',
    region: AKS_REGIONS[0],
  })
}

function simulatedSubscription(seed: number): string {
  const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(len, '0').slice(-len)
  const a = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d)
  return `${hex(a, 8)}-${hex(a >>> 8, 4)}-4${hex(seed, 3)}-8${hex(a >>> 4, 3)}-${hex(seed * 31, 4)}${hex(a, 8)}`
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

export function vnetOf(form: WizardForm): AksVnet {
  const isStatic = form.ipAllocation === 'Static'
  const vlan = form.vlanEnabled && /^\d+$/.test(form.vlanId.trim()) ? Number(form.vlanId) : null
  return {
    name: VNET_NAME,
    vswitchName: form.vswitchName,
    vlanId: vlan,
    ipAllocation: form.ipAllocation,
    ipAddressPrefix: isStatic ? form.subnet.trim() : null,
    gateway: isStatic ? form.gateway.trim() : null,
    dnsServers: isStatic ? list(form.dnsServers) : [],
    k8sNodeIpPoolStart: isStatic ? form.nodePoolStart.trim() : null,
    k8sNodeIpPoolEnd: isStatic ? form.nodePoolEnd.trim() : null,
    vipPoolStart: form.vipPoolStart.trim(),
    vipPoolEnd: form.vipPoolEnd.trim(),
  }
}

/** The three paths on the chosen volume, laid out like the documented flow. */
export function pathsOf(view: LabView, form: WizardForm) {
  const volume = view.volumes[form.volumeId]
  const root = volume ? csvPath(volume.name) : ''
  return {
    imageDir: volume ? joinPath(root, form.folder.trim()) : '',
    workingDir: volume ? joinPath(root, 'WorkingDir') : '',
    cloudConfigLocation: volume ? joinPath(root, 'Config') : '',
  }
}

export function configureCommand(view: LabView, form: WizardForm): CommandInput {
  return {
    type: 'aks.configure',
    ...pathsOf(view, form),
    vnet: vnetOf(form),
    skipUpdates: !form.autoUpdates,
  }
}

export function registration(form: WizardForm): AksRegistration {
  return {
    subscriptionId: form.subscriptionId.trim(),
    resourceGroupName: form.resourceGroupName.trim(),
    region: form.region,
  }
}

export function registerCommand(form: WizardForm): CommandInput {
  return { type: 'aks.register', ...registration(form) }
}

const quote = (s: string) => `"${s.replace(/"/g, '`"')}"`

/** The PowerShell a person would type for the same result (Review + create shows it). */
export function powerShellOf(view: LabView, form: WizardForm): string[] {
  const v = vnetOf(form)
  const p = pathsOf(view, form)
  const r = registration(form)
  const net = [
    `$vnet = New-AksHciNetworkSetting -name ${v.name} -vswitchName ${quote(v.vswitchName)}`,
    v.ipAllocation === 'Static'
      ? ` -ipAddressPrefix ${quote(v.ipAddressPrefix ?? '')} -gateway ${quote(v.gateway ?? '')}` +
        ` -dnsServers ${v.dnsServers.map(quote).join(',')}` +
        ` -k8sNodeIpPoolStart ${quote(v.k8sNodeIpPoolStart ?? '')} -k8sNodeIpPoolEnd ${quote(v.k8sNodeIpPoolEnd ?? '')}`
      : '',
    ` -vipPoolStart ${quote(v.vipPoolStart)} -vipPoolEnd ${quote(v.vipPoolEnd)}`,
    v.vlanId !== null ? ` -vlanID ${v.vlanId}` : '',
  ].join('')
  return [
    net,
    `Set-AksHciConfig -imageDir ${quote(p.imageDir)} -workingDir ${quote(p.workingDir)}` +
      ` -cloudConfigLocation ${quote(p.cloudConfigLocation)} -vnet $vnet${form.autoUpdates ? '' : ' -skipUpdates'}`,
    `Set-AksHciRegistration -subscriptionId ${quote(r.subscriptionId)} -resourceGroupName ${quote(r.resourceGroupName)}` +
      ` -region ${r.region}`,
    'Install-AksHci',
  ]
}
