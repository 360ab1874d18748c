import { FS_OVERHEAD_BYTES, MAX_THIN_OVERPROVISIONING, MAX_VOLUME_NAME, SLAB_BYTES } from '@shared/s2d'
import { formatBytes } from '@shared/format'
import { PERFORMANCE_ASSUMPTIONS } from '@shared/performance-assumptions'
import { VOLUME_FULL_ALERT } from '@/stores/health'

// What HCI Lab assumes where the real product's figures are unconfirmed. One table, shown on the
// About this lab page; later capabilities add their rows here.

export interface Assumption {
  topic: string
  assumption: string
  why: string
}

export const ASSUMPTIONS: Assumption[] = [
  {
    topic: 'Slab rounding',
    assumption: `Volume sizes round up to whole ${formatBytes(SLAB_BYTES)} slabs.`,
    why: 'The pool allocation unit is a third-party figure.',
  },
  {
    topic: 'ReFS overhead',
    assumption: `A new CSVFS_ReFS volume takes ${formatBytes(FS_OVERHEAD_BYTES)} of its disk for metadata.`,
    why: 'Chosen so that a 200 GB volume shows about 199.94 GB, as in the documentation.',
  },
  {
    topic: 'Thin over-provisioning',
    assumption: `Thin volumes may commit at most ${MAX_THIN_OVERPROVISIONING}× the pool's raw capacity.`,
    why: 'The product sets no documented limit; the lab needs one.',
  },
  {
    topic: 'Pool size',
    assumption: 'The pool size counts capacity drives only; cache drives add nothing.',
    why: 'Pool metadata overhead is unconfirmed, so none is deducted.',
  },
  {
    topic: 'Virtual clock',
    assumption: 'Every lab starts on 9/22/2020 9:00:00 AM UTC.',
    why: 'The day of the walkthrough the lab is built from; same seed, same lab.',
  },
  ...PERFORMANCE_ASSUMPTIONS.map((a) => ({ topic: a.label, assumption: a.value, why: a.why })),
  {
    topic: 'Volume names',
    assumption: `Volume names have at most ${MAX_VOLUME_NAME} characters.`,
    why: 'New-Volume uses the name as the ReFS label, which holds 32 characters.',
  },
  {
    topic: 'Volume health',
    assumption: 'A volume is degraded while servers are down within its failures tolerated, detached beyond.',
    why: 'Derived from the resiliency until the engine reports repair states.',
  },
  {
    topic: 'Low capacity alert',
    assumption: `A volume more than ${VOLUME_FULL_ALERT * 100}% full raises an alert.`,
    why: 'WAC raises low-capacity alerts; the threshold is unconfirmed.',
  },
  {
    topic: 'Look and feel',
    assumption: 'Fluent colours, Segoe UI and line icons; inventory columns and summary layouts.',
    why: 'Exact WAC colours, icons and column sets are unconfirmed.',
  },
  {
    topic: 'What if and Confirm',
    assumption:
      'Storage cmdlets name their operation Create, Resize or Delete; AksHci functions name themselves (What if: Performing the operation "Remove-AksHciCluster" on target "demo").',
    why: "These modules' exact ShouldProcess texts are unconfirmed; the file cmdlets' are PowerShell's own.",
  },
  {
    topic: 'Remove-VirtualDisk asks first',
    assumption:
      'The PowerShell tool asks before Remove-VirtualDisk deletes (ConfirmImpact High; -Confirm:$false does not ask); hci-lab run never asks.',
    why: 'Recalled behaviour; hci-lab run is non-interactive, like powershell -NonInteractive.',
  },
  {
    topic: 'Files made in PowerShell',
    assumption:
      "New-Item and Copy-Item write only on the volumes (C:\\ClusterStorage\\<volume>); the prompt's folder with the samples is read-only. A file takes its text's UTF-8 bytes; the text is not kept.",
    why: 'The lab models what takes space on the volumes, not what files hold.',
  },
  {
    topic: 'Start-Sleep',
    assumption:
      "Start-Sleep waits for virtual time as a notification's task: the app's clock moves at the lab's speed meanwhile, hci-lab moves it straight on.",
    why: "A console line can only wait for lab work; the clock is the lab's.",
  },
  {
    topic: 'Cluster resources and storage jobs',
    assumption:
      "Get-ClusterResource lists a Storage Spaces Direct cluster's core resources, the cloud agent's service and two per VM; Get-StorageJob lists none.",
    why: "Resource names are recalled, not sourced; the lab's pool never repairs, so it has no jobs.",
  },
]
