import {
  findStorageContainer,
  storageContainers,
  type StorageContainerInfo,
} from '@shared/storage-containers'
import { cmdletError } from '../errors'
import { prop } from '../format/cells'
import type { BoundArgs, CmdletContext, CmdletDef, ParamDef, Registry } from '../registry'
import { PsObject, toText, type PsValue } from '../values'
import { dispatch } from './aks'

// The AksHci module's storage containers (facts §4): New-AksHciStorageContainer records a named folder
// on a cluster shared volume (the engine's aks.storageContainer.create checks the name and the path
// and words the refusals); Get-AksHciStorageContainer lists them, the install's own
// MocStorageContainer (the image directory) first. The docs show no sample output: the lab prints
// each container's Name and Path, as a table.

const AKSHCI = { module: 'AksHci', version: '1.0.8', commandType: 'Function' } as const
const str = (name: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, type: 'String', ...extra })

export const STORAGE_CONTAINER_TYPE = 'StorageContainer'

export function storageContainerObject(c: StorageContainerInfo): PsObject {
  return new PsObject(STORAGE_CONTAINER_TYPE, { Name: c.name, Path: c.path }, STORAGE_CONTAINER_TYPE, c.name)
}

function notInstalled(): Error {
  return cmdletError(
    'AKS on Azure Stack HCI is not installed on this cluster. Run Install-AksHci first.',
    'AksHciNotInstalled',
    'InvalidOperation',
    'Exception',
  )
}

function getContainers(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  const state = ctx.state()
  if (state.aks.phase !== 'Installed') throw notInstalled()
  if (args.name === undefined) return storageContainers(state).map(storageContainerObject)
  const name = toText(args.name)
  const found = findStorageContainer(state, name)
  if (!found)
    throw cmdletError(
      `A storage container with the name '${name}' was not found.`,
      'StorageContainerNotFound',
      'ObjectNotFound',
      'Exception',
      name,
    )
  return [storageContainerObject(found)]
}

function newContainer(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  dispatch(ctx, {
    type: 'aks.storageContainer.create',
    name: toText(args.name!),
    path: toText(args.path!),
  })
  // The real function writes nothing on success; Get-AksHciStorageContainer shows the container.
  return []
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'New-AksHciStorageContainer',
    ...AKSHCI,
    synopsis:
      "Creates a storage container: a named folder on a cluster shared volume (-path) where a StorageClass whose 'container' parameter names it (-name) puts its persistent volumes' VHDX files.",
    params: [str('name', { mandatory: true }), str('path', { mandatory: true })],
    invoke: newContainer,
  },
  {
    name: 'Get-AksHciStorageContainer',
    ...AKSHCI,
    synopsis:
      "Lists the AKS host's storage containers (the install's own, MocStorageContainer, is the image directory), or the one named.",
    params: [str('name')],
    invoke: getContainers,
  },
]

export function registerAksStorage(registry: Registry): void {
  registry.addView({
    key: STORAGE_CONTAINER_TYPE,
    columns: ['Name', 'Path'].map((p) => ({ label: p, value: prop(p) })),
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
