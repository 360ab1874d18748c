import { computed } from 'vue'
import { installImageVolumeBytes } from '@shared/aks-checks'
import { vnetProblems } from '@shared/aks-vnet'
import { formatBytes } from '@shared/format'
import { useLabStore } from '@/stores/lab'
import { useStorageStore } from '@/stores/storage'
import { useEngineCheck } from '@/views/Volumes/useEngineCheck'
import { configureCommand, registerCommand, vnetOf, type WizardForm } from './wizardForm'

// What gates Next on Host configuration and Azure registration. Live sentences come from the shared
// rules (vnetProblems); the engine's dry run (lab:preview) has the last word on the whole command.

export interface VolumeChoice {
  id: string
  name: string
  path: string
  freeBytes: number
  /** Why this volume cannot hold the AKS host's images and VM disk, or null. */
  tooSmall: string | null
}

export function useHostConfigChecks(form: WizardForm) {
  const lab = useLabStore()
  const storage = useStorageStore()
  const needBytes = computed(() => installImageVolumeBytes())

  const volumes = computed<VolumeChoice[]>(() =>
    storage.volumes.map((v) => ({
      id: v.volume.id,
      name: v.name,
      path: v.path,
      freeBytes: v.freeBytes,
      tooSmall:
        v.freeBytes < needBytes.value
          ? `${formatBytes(v.freeBytes)} free; the node images and the management VM's disk need ${formatBytes(needBytes.value)}.`
          : null,
    })),
  )

  const network = computed(() => vnetProblems(vnetOf(form), lab.view))
  const folderProblem = computed(() =>
    /^[^\\/:*?"<>|]+$/.test(form.folder.trim())
      ? null
      : 'Give a folder name without \\ / : * ? " < > | characters.',
  )
  const volumeProblem = computed(() => {
    const v = volumes.value.find((x) => x.id === form.volumeId)
    if (!v) return 'Choose the cluster shared volume for the image directory.'
    return v.tooSmall
  })
  const local = computed(() =>
    [volumeProblem.value, folderProblem.value, ...network.value].filter((p): p is string => p !== null),
  )
  // Only a form the shared rules accept goes to the engine, so its answer adds what they cannot see.
  const engine = useEngineCheck(() => (local.value.length === 0 ? configureCommand(lab.view, form) : null))
  const ok = computed(() => local.value.length === 0 && !engine.pending.value && engine.error.value === null)

  return { needBytes, volumes, network, folderProblem, volumeProblem, engine, ok }
}

export function useRegistrationCheck(form: WizardForm) {
  const engine = useEngineCheck(() => registerCommand(form))
  const ok = computed(() => !engine.pending.value && engine.error.value === null)
  return { engine, ok }
}

export type HostConfigChecks = ReturnType<typeof useHostConfigChecks>
export type RegistrationCheck = ReturnType<typeof useRegistrationCheck>
