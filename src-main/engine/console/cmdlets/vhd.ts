import type { VirtualMachine } from '@shared/aks'
import type { FileEntry } from '@shared/domain'
import { listKube } from '@shared/kube'
import { vhdFormatOf } from '@shared/vhdx'
import type { VolumeAttachment } from 'kubernetes-types/storage/v1'
import { CLUSTER_OWNER_KIND } from '../../aks/cluster-vms'
import type { LabState } from '../../core/state'
import { vhdxFileId } from '../../kube/storage/provision'
import { bindingErrors, PsError } from '../errors'
import { prop } from '../format/cells'
import { absolutePath } from '../home'
import type { CmdletContext, CmdletDef, Registry } from '../registry'
import { enumerate, PsObject, psEnum, toText, type PsValue } from '../values'
import { wildcardPattern } from '../wildcard'
import { hyperVHosts, vmNotFound } from './hyperv-hosts'
import { stableGuid } from './storage-objects'

// Get-VHD and Get-VMHardDiskDrive (Hyper-V module, WS2019 shapes): a VHDX of the ledger as Hyper-V
// reports it, so the storage lesson reads in PowerShell too (a dynamic 100 GiB claim: Size 100 GiB,
// FileSize 4 MiB), and a node VM's disks: its OS disk, then the claims' VHDX hot-added to it.

const HV = 'Microsoft.HyperV.PowerShell'
const VHD_TYPE = 'Microsoft.Vhd.PowerShell.VirtualHardDisk'
const VHD_TYPES = { Fixed: 2, Dynamic: 3 } as const
const VHDX_FORMAT = 3

interface Disk {
  file: FileEntry
  vm: VirtualMachine
  location: number
}

/** The claims' VHDX files attached to a node VM, in the order they were attached. */
function attachedClaims(state: Readonly<LabState>, vm: VirtualMachine): FileEntry[] {
  if (vm.owner.kind !== CLUSTER_OWNER_KIND) return []
  return listKube<VolumeAttachment & { metadata: { name: string; creationTimestamp?: string } }>(
    state,
    vm.owner.id,
    { kind: 'VolumeAttachment' },
  )
    .filter((va) => va.spec.nodeName === vm.name && va.status?.attached)
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        a.metadata.name.localeCompare(b.metadata.name),
    )
    .map((va) => state.files[vhdxFileId(vm.owner.id, va.spec.source.persistentVolumeName ?? '')])
    .filter((f): f is FileEntry => f !== undefined)
}

/** A generation 2 VM's disks on SCSI controller 0: the OS disk at location 0, then each claim's. */
function disksOf(state: Readonly<LabState>, vm: VirtualMachine): Disk[] {
  const own = vm.diskFileIds.map((id) => state.files[id]).filter((f): f is FileEntry => f !== undefined)
  return [...own, ...attachedClaims(state, vm)].map((file, location) => ({ file, vm, location }))
}

/** Each VHDX a running VM holds open, by file id. */
function attachedFiles(state: Readonly<LabState>): Set<string> {
  const open = new Set<string>()
  for (const vm of Object.values(state.vms))
    if (vm.state !== 'Off') for (const d of disksOf(state, vm)) open.add(d.file.id)
  return open
}

function vhdObject(computer: string, file: FileEntry, attached: boolean): PsObject {
  const format = vhdFormatOf(file)!
  // A claim's disk gets its ext4 file system when first mounted: until then it has no partition to
  // measure, and Get-VHD leaves MinimumSize empty, as for a new VHDX.
  const formatted = file.owner.kind !== 'pv' || attached
  return new PsObject(
    VHD_TYPE,
    {
      ComputerName: computer,
      Path: file.path,
      VhdFormat: psEnum('Microsoft.Vhd.PowerShell.VhdFormat', 'VHDX', VHDX_FORMAT),
      VhdType: psEnum('Microsoft.Vhd.PowerShell.VhdType', format.type, VHD_TYPES[format.type]),
      FileSize: file.allocatedBytes,
      Size: file.sizeBytes,
      MinimumSize: formatted ? file.sizeBytes : null,
      LogicalSectorSize: format.logicalSectorBytes,
      PhysicalSectorSize: format.physicalSectorBytes,
      BlockSize: format.blockSizeBytes,
      ParentPath: null,
      DiskIdentifier: stableGuid(`vhd:${file.id}`).toUpperCase(),
      FragmentationPercentage: 0,
      Alignment: 1,
      Attached: attached,
      DiskNumber: null, // a disk attached to a VM is not mounted on the host
      IsPMEMCompatible: false,
      AddressAbstractionType: psEnum('Microsoft.Vhd.PowerShell.VhdAddressAbstractionType', 'None', 0),
      Number: null,
    },
    'VHD',
    file.path,
  )
}

/** Hyper-V's words for a path that names no VHDX: the path as typed. */
function notAVhd(path: string): PsError {
  return new PsError({
    message: `'${path}' is not an existing virtual hard disk file.`,
    category: 'InvalidArgument',
    reason: 'VirtualizationException',
    errorId: 'InvalidParameter',
  })
}

/**
 * Paths piped in: a VHD's or a hard disk drive's Path, a file's FullName, a VM's disks (by VMId, as
 * `Get-VM x | Get-VHD` does), or a string.
 */
function pipedPaths(state: Readonly<LabState>, input: PsValue[]): string[] {
  return input.flatMap((item) => {
    if (!(item instanceof PsObject)) return item === null ? [] : [toText(item)]
    const path = item.get('Path') ?? item.get('FullName')
    if (path !== undefined && path !== null) return [toText(path)]
    const vmId = item.get('VMId')
    const vm = Object.values(state.vms).find((v) => vmId && stableGuid(`vm:${v.id}`) === toText(vmId))
    return vm ? disksOf(state, vm).map((d) => d.file.path) : []
  })
}

function getVhd(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const state = ctx.state()
  const paths = args.Path !== undefined ? enumerate(args.Path).map(toText) : pipedPaths(state, input)
  if (paths.length === 0) throw bindingErrors.missingMandatory(['Path'])
  const [server] = hyperVHosts(state, args.ComputerName)
  const byPath = new Map(Object.values(state.files).map((f) => [f.path.toLowerCase(), f]))
  const attached = attachedFiles(state)
  const out: PsObject[] = []
  for (const typed of paths) {
    const file = byPath.get(absolutePath(typed).toLowerCase())
    if (!file || !vhdFormatOf(file)) ctx.writeError(notAVhd(typed))
    else out.push(vhdObject(state.servers[server!]?.name ?? '', file, attached.has(file.id)))
  }
  return out
}

function driveObject(state: Readonly<LabState>, d: Disk): PsObject {
  const name = `Hard Drive on SCSI controller number 0 at location ${d.location}`
  return new PsObject(
    `${HV}.HardDiskDrive`,
    {
      Path: d.file.path,
      DiskNumber: null,
      ControllerLocation: d.location,
      ControllerNumber: 0,
      ControllerType: psEnum(`${HV}.ControllerType`, 'SCSI', 1),
      Name: name,
      Id: `Microsoft:${stableGuid(`vm:${d.vm.id}`).toUpperCase()}\\${stableGuid(`drive:${d.file.id}`).toUpperCase()}`,
      VMId: stableGuid(`vm:${d.vm.id}`),
      VMName: d.vm.name,
      ComputerName: state.servers[d.vm.serverId]?.name ?? '',
      IsDeleted: false,
    },
    'HardDiskDrive',
    name,
  )
}

/** The VMs asked for: piped VM objects, else -VMName (wildcards allowed) on the servers asked. */
function vmsAsked(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): VirtualMachine[] {
  const state = ctx.state()
  const vms = Object.values(state.vms)
  const piped = input.filter((i): i is PsObject => i instanceof PsObject && i.get('VMId') !== undefined)
  if (args.VMName === undefined && piped.length)
    return piped.flatMap((o) => vms.filter((vm) => vm.name === toText(o.get('Name'))))
  if (args.VMName === undefined) throw bindingErrors.missingMandatory(['VMName'])
  const hosts = hyperVHosts(state, args.ComputerName)
  const local = vms
    .filter((vm) => hosts.includes(vm.serverId))
    .sort((a, b) => hosts.indexOf(a.serverId) - hosts.indexOf(b.serverId) || a.name.localeCompare(b.name))
  const out: VirtualMachine[] = []
  for (const name of enumerate(args.VMName).map(toText)) {
    const hits = local.filter((vm) => wildcardPattern(name).test(vm.name))
    if (hits.length === 0 && !/[*?[]/.test(name)) ctx.writeError(vmNotFound(name))
    for (const hit of hits) if (!out.includes(hit)) out.push(hit)
  }
  return out
}

function getVmHardDiskDrive(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const state = ctx.state()
  // Every disk sits on SCSI controller 0 (generation 2 VMs have no IDE controller).
  if (args.ControllerType !== undefined && toText(args.ControllerType).toUpperCase() !== 'SCSI') return []
  const wanted = (value: PsValue | undefined, actual: number) =>
    value === undefined || Number(value) === actual
  return vmsAsked(ctx, args, input)
    .flatMap((vm) => disksOf(state, vm))
    .filter((d) => wanted(args.ControllerNumber, 0) && wanted(args.ControllerLocation, d.location))
    .map((d) => driveObject(state, d))
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-VHD',
    module: 'Hyper-V',
    version: '2.0.0.0',
    commandType: 'Cmdlet',
    implementingType: 'Microsoft.Vhd.PowerShell.Cmdlets.GetVHD',
    synopsis:
      'Gets a VHDX file of a cluster shared volume: VhdType (Dynamic or Fixed), Size (the virtual disk) and FileSize (its bytes on the volume).',
    params: [
      { name: 'Path', type: 'String[]', position: 0, aliases: ['FullName'] },
      { name: 'ComputerName', type: 'String[]' },
    ],
    invoke: getVhd,
  },
  {
    name: 'Get-VMHardDiskDrive',
    module: 'Hyper-V',
    version: '2.0.0.0',
    commandType: 'Cmdlet',
    implementingType: `${HV}.Commands.GetVMHardDiskDrive`,
    synopsis:
      "Lists a VM's virtual hard disks: a Kubernetes node's OS disk and the VHDX of each claim attached to it (-ComputerName for VMs on other servers).",
    params: [
      { name: 'VMName', type: 'String[]', position: 0, aliases: ['Name'] },
      { name: 'ComputerName', type: 'String[]' },
      { name: 'ControllerType', type: 'String', validateSet: ['IDE', 'SCSI'] },
      { name: 'ControllerNumber', type: 'Int32' },
      { name: 'ControllerLocation', type: 'Int32' },
    ],
    invoke: getVmHardDiskDrive,
  },
]

export function registerVhd(registry: Registry): void {
  registry.addView({
    key: 'VHD',
    listByDefault: true,
    columns: ['ComputerName', 'Path', 'VhdType', 'FileSize', 'Size'].map((p) => ({
      label: p,
      value: prop(p),
    })),
  })
  registry.addView({
    key: 'HardDiskDrive',
    columns: ['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation', 'DiskNumber', 'Path'].map(
      (p) => ({ label: p, value: prop(p) }),
    ),
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
