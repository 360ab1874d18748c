import { MGMT_VM_SIZE, MIN_TOTAL_MEMORY_BYTES, AKS_IMAGES, MGMT_VM_DISK_BYTES } from './aks-assumptions'
import { pickServerFor, serverMemory } from './aks-memory'
import { findVmSize, vmSizeMemoryBytes } from './aks-sizes'
import { switchProblem } from './aks-vnet'
import { poolCapacity } from './capacity'
import type { LabView } from './contract'
import { formatBytes } from './format'
import { csvPath } from './s2d'

// The Set up wizard's Prerequisites and System checks steps (facts §1.2), computed from the lab.
// Pure: the wizard shows them, and the engine's install refusals follow the same figures.

export type CheckStatus = 'pass' | 'warn' | 'fail'

export interface CheckItem {
  id: string
  title: string
  status: CheckStatus
  detail: string
  fix?: string
}

export const MIN_WAC_VERSION = '2103.2'

/** Admin Center versions are YYMM.n: compare part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

/** The management VM's memory per the default size. */
export function mgmtVmMemoryBytes(): number {
  return vmSizeMemoryBytes(findVmSize(MGMT_VM_SIZE)!)
}

/** Bytes the install needs on the image volume. */
export function installImageVolumeBytes(): number {
  return AKS_IMAGES.reduce((sum, i) => sum + i.sizeBytes, 0) + MGMT_VM_DISK_BYTES
}

function anyExternalSwitchProblem(view: LabView): string | null {
  const externals = Object.values(view.switches).filter((s) => s.switchType === 'External')
  if (externals.length === 0) return 'No external virtual switch exists on the servers.'
  const problems = externals.map((s) => switchProblem(view, s.name))
  return problems.includes(null) ? null : problems[0]!
}

function switchCheck(view: LabView): CheckItem {
  const problem = anyExternalSwitchProblem(view)
  const good = Object.values(view.switches).find((s) => switchProblem(view, s.name) === null)
  return problem === null && good
    ? {
        id: 'switch',
        title: 'External virtual switch',
        status: 'pass',
        detail: `'${good.name}' is on every server.`,
      }
    : {
        id: 'switch',
        title: 'External virtual switch',
        status: 'fail',
        detail: problem ?? 'No usable external virtual switch.',
        fix: 'Create an External virtual switch with the same name on every server.',
      }
}

export function prerequisiteChecks(view: LabView): CheckItem[] {
  const servers = Object.values(view.servers)
  const down = servers.filter((s) => s.state !== 'Up')
  const roles = view.cluster.domainController.roles.join(' ').toLowerCase()
  const wacOk = compareVersions(view.cluster.wacVersion, MIN_WAC_VERSION) >= 0
  return [
    {
      id: 'servers',
      title: 'Servers are up',
      status: down.length === 0 && servers.length > 0 ? 'pass' : 'fail',
      detail:
        down.length === 0
          ? `${servers.length} server(s) up in ${view.cluster.name}.`
          : `${down.map((s) => `${s.name} is ${s.state}`).join(', ')}.`,
      ...(down.length ? { fix: 'Bring every server up (resume or start it) before setting up AKS.' } : {}),
    },
    {
      id: 'serverCount',
      title: 'Number of servers',
      status: servers.length <= 4 ? 'pass' : 'warn',
      detail:
        servers.length <= 4
          ? `${servers.length} server(s): AKS on Azure Stack HCI supports up to 4.`
          : `${servers.length} servers: more than the 4 tested with this release.`,
    },
    {
      id: 'wac',
      title: 'Windows Admin Center version',
      status: wacOk ? 'pass' : 'fail',
      detail: `Version ${view.cluster.wacVersion}; ${MIN_WAC_VERSION} or later is required.`,
      ...(wacOk ? {} : { fix: `Update Windows Admin Center to ${MIN_WAC_VERSION} or later.` }),
    },
    switchCheck(view),
    {
      id: 'dnsDhcp',
      title: 'DNS and DHCP on the network',
      status: !roles.includes('dns') ? 'fail' : roles.includes('dhcp') ? 'pass' : 'warn',
      detail: `${view.cluster.domainController.name} (${view.cluster.domainController.ip}) runs ${view.cluster.domainController.roles.join(', ')}.`,
      ...(!roles.includes('dhcp') ? { fix: 'Without DHCP, choose Static IP address allocation.' } : {}),
    },
    {
      id: 'azure',
      title: 'Azure account',
      status: 'pass',
      detail: 'Simulated: the lab never contacts Azure; registration is recorded only.',
    },
  ]
}

export function systemChecks(view: LabView): CheckItem[] {
  const needMemory = mgmtVmMemoryBytes()
  const memory = serverMemory(view)
  const totalFree = memory.reduce((sum, m) => sum + m.freeBytes, 0)
  const fits = pickServerFor(view, needMemory)
  const most = memory.reduce((best, m) => Math.max(best, m.freeBytes), 0)
  const needDisk = installImageVolumeBytes()
  const volumes = poolCapacity(view).volumes
  const roomy = volumes.filter((v) => v.freeBytes >= needDisk)
  const servers = Object.values(view.servers)
  const fewCores = servers.filter((s) => s.cores < 8)
  return [
    {
      id: 'memory',
      title: 'Memory',
      status: !fits ? 'fail' : totalFree < MIN_TOTAL_MEMORY_BYTES ? 'warn' : 'pass',
      detail: !fits
        ? `The management VM needs ${formatBytes(needMemory)} on one server; the most free on any server is ${formatBytes(most)}.`
        : `${formatBytes(totalFree)} free in total; ${fits.name} can host the ${formatBytes(needMemory)} management VM.` +
          (totalFree < MIN_TOTAL_MEMORY_BYTES
            ? ` Below the ${formatBytes(MIN_TOTAL_MEMORY_BYTES)} needed to also run a workload cluster.`
            : ''),
      ...(!fits ? { fix: 'Stop or remove VMs, or add memory to the servers.' } : {}),
    },
    {
      id: 'storage',
      title: 'Cluster shared volume',
      status: roomy.length > 0 ? 'pass' : 'fail',
      detail:
        roomy.length > 0
          ? `${roomy.map((v) => csvPath(v.volume.name)).join(', ')} can hold the ${formatBytes(needDisk)} of images and VM disk.`
          : volumes.length === 0
            ? 'The cluster has no cluster shared volume.'
            : `No volume has ${formatBytes(needDisk)} free for the node images and the management VM's disk.`,
      ...(roomy.length ? {} : { fix: 'Create or extend a volume in the Volumes tool.' }),
    },
    switchCheck(view),
    {
      id: 'cores',
      title: 'Processors',
      status: fewCores.length === 0 ? 'pass' : 'warn',
      detail:
        fewCores.length === 0
          ? 'Every server has 8 or more cores.'
          : `${fewCores.map((s) => `${s.name} has ${s.cores} cores`).join(', ')}: below the 8 recommended for testing, fine for a small lab.`,
    },
    {
      id: 'roles',
      title: 'Roles and features',
      status: 'pass',
      detail: 'Hyper-V, Failover Clustering and RSAT-Clustering PowerShell are installed on every server.',
    },
    {
      id: 'credssp',
      title: 'CredSSP',
      status: 'pass',
      detail:
        'The servers accept CredSSP; the next step, Connectivity, enables it for this setup (simulated).',
    },
  ]
}

/** The wizard's host credentials: the lab's domain administrator, in either form. */
export function checkHostCredentials(
  view: Pick<LabView, 'cluster'>,
  user: string,
  password: string,
): { ok: true } | { ok: false; message: string } {
  const c = view.cluster
  const account = c.adminUser.split('\\').pop() ?? c.adminUser
  const forms = [c.adminUser, `${c.netbiosDomain}\\${account}`, `${account}@${c.domain}`].map((f) =>
    f.toLowerCase(),
  )
  const given = user.trim().toLowerCase()
  if (given === '') return { ok: false, message: 'Enter the user name of a domain administrator.' }
  if (!forms.includes(given))
    return {
      ok: false,
      message: `'${user}' is not an administrator on the servers. Use ${c.adminUser} or ${account}@${c.domain}.`,
    }
  if (password !== c.adminPassword)
    return { ok: false, message: `The password for ${c.adminUser} is incorrect.` }
  return { ok: true }
}
