import { describe, expect, it } from 'vitest'
import type { FileEntry } from '@shared/domain'
import { clusterConsole, text } from '../testkit'

// Get-VHD and Get-VMHardDiskDrive on the seeded lab with cluster `demo`, after the blog's pvc.yaml
// (100 GiB, default class: dynamic), demo1.yaml (1 GiB, mounted by the demo pod) and pvc-fixed.yaml
// (100 GiB, fixed): byte-exact goldens of 5.1's default views and error records.

function storyConsole() {
  const c = clusterConsole()
  for (const file of ['pvc.yaml', 'demo1.yaml', 'pvc-fixed.yaml']) c.run(`kubectl apply -f ${file}`)
  c.lab.dispatch({ type: 'clock.advance', ms: 120_000 })
  const claimFile = (claim: string): FileEntry =>
    Object.values(c.lab.state.files).find((f) => f.owner.label.includes(`(default/${claim})`))!
  const worker = Object.values(c.lab.state.vms).find((vm) => vm.name.startsWith('moc-l'))!
  return { ...c, claimFile, worker }
}

const vhd = (lines: Record<string, string>) =>
  text('', '', ...Object.entries(lines).map(([name, value]) => `${name.padEnd(23)} : ${value}`), '', '', '')

const common = {
  ParentPath: '',
  FragmentationPercentage: '0',
  Alignment: '1',
}

describe('Get-VHD', () => {
  it('shows the blog’s 100 GiB claim as Hyper-V does: a dynamic VHDX of 100 GiB, 4 MiB on disk', () => {
    const { run, claimFile } = storyConsole()
    const path = claimFile('bigvolume').path
    expect(run(`Get-VHD -Path ${path}`)).toBe(
      vhd({
        ComputerName: 'hci-node1',
        Path: path,
        VhdFormat: 'VHDX',
        VhdType: 'Dynamic',
        FileSize: '4194304',
        Size: '107374182400',
        MinimumSize: '',
        LogicalSectorSize: '4096',
        PhysicalSectorSize: '4096',
        BlockSize: '33554432',
        ParentPath: common.ParentPath,
        DiskIdentifier: 'F1824533-47D2-D8DE-3334-93230B46B5E7',
        FragmentationPercentage: common.FragmentationPercentage,
        Alignment: common.Alignment,
        Attached: 'False',
        DiskNumber: '',
        IsPMEMCompatible: 'False',
        AddressAbstractionType: 'None',
        Number: '',
      }),
    )
  })

  it('shows pvc-fixed.yaml’s claim as a fixed VHDX: FileSize = Size, no blocks', () => {
    const { run, claimFile } = storyConsole()
    const path = claimFile('bigvolume-fixed').path
    expect(run(`(Get-VHD ${path}) | Select-Object VhdType, FileSize, Size, BlockSize | Format-List`)).toBe(
      text(
        '',
        '',
        'VhdType   : Fixed',
        'FileSize  : 107374182400',
        'Size      : 107374182400',
        'BlockSize : 0',
        '',
        '',
        '',
      ),
    )
  })

  it('says the claim mounted by a running pod is attached, with its minimum size', () => {
    const { run, claimFile } = storyConsole()
    const path = claimFile('myvolumeclaim').path
    expect(run(`$d = Get-VHD ${path}; $d.Attached; $d.VhdType; $d.Size; $d.MinimumSize`)).toBe(
      text('True', 'Dynamic', '1073741824', '1073741824'),
    )
  })

  it('takes the paths of a VM’s drives down the pipeline', () => {
    const { run, lab, worker } = storyConsole()
    expect(
      run(
        `Get-VMHardDiskDrive ${worker.name} -ComputerName hci-node2 | Get-VHD | ForEach-Object { $_.VhdType }`,
      ),
    ).toBe(text('Fixed', 'Dynamic'))
    // A VM's disks, by its VMId, as `Get-VM x | Get-VHD` gives them.
    expect(run(`Get-VM ${worker.name} -ComputerName hci-node2 | Get-VHD | ForEach-Object { $_.Size }`)).toBe(
      text(String(lab.state.files[worker.diskFileIds[0]!]!.sizeBytes), '1073741824'),
    )
  })

  it('words a path that is no VHDX, and a missing -Path, as PowerShell does', () => {
    const { run } = storyConsole()
    expect(run('Get-VHD .\\nothere.vhdx')).toBe(
      text(
        "Get-VHD : '.\\nothere.vhdx' is not an existing virtual hard disk file.",
        'At line:1 char:1',
        '+ Get-VHD .\\nothere.vhdx',
        '+ ~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : InvalidArgument: (:) [Get-VHD], VirtualizationException',
        '    + FullyQualifiedErrorId : InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVHD',
        '',
      ),
    )
    // A file that is not a virtual disk is refused the same way.
    expect(run('Get-VHD pvc.yaml')).toContain("'pvc.yaml' is not an existing virtual hard disk file.")
    expect(run('Get-VHD')).toContain(
      'Get-VHD : Cannot process command because of one or more missing mandatory parameters: Path.',
    )
  })
})

describe('Get-VMHardDiskDrive', () => {
  it('lists a node VM’s OS disk, then the claim attached to it', () => {
    const { run, lab, worker, claimFile } = storyConsole()
    const drives = `Get-VMHardDiskDrive -VMName ${worker.name} -ComputerName hci-node2`
    expect(
      run(
        `${drives} | ForEach-Object { "$($_.ControllerType) $($_.ControllerNumber):$($_.ControllerLocation) $($_.Path)" }`,
      ),
    ).toBe(
      text(
        `SCSI 0:0 ${lab.state.files[worker.diskFileIds[0]!]!.path}`,
        `SCSI 0:1 ${claimFile('myvolumeclaim').path}`,
      ),
    )
    expect(run(`(${drives} -ControllerLocation 1).Path`)).toBe(claimFile('myvolumeclaim').path)
  })

  it('prints the default table: VMName, ControllerType, ControllerNumber, ControllerLocation, DiskNumber, Path', () => {
    const { run, worker } = storyConsole()
    expect(run(`Get-VMHardDiskDrive ${worker.name} -ComputerName hci-node2`)).toMatch(
      new RegExp(
        [
          '^',
          'VMName          ControllerType ControllerNumber ControllerLocation DiskNumber Path',
          '------          -------------- ---------------- ------------------ ---------- ----',
          `${worker.name} SCSI           0                0                             C:\\\\ClusterStorage\\\\Volume01\\\\images\\\\.{5}\\.\\.\\.`,
          `${worker.name} SCSI           0                1                             C:\\\\ClusterStorage\\\\Volume01\\\\images\\\\.{5}\\.\\.\\.`,
          '',
          '$',
        ].join('\n'),
      ),
    )
  })

  it('finds only the VMs of the server it runs on, as Hyper-V does', () => {
    const { run, worker } = storyConsole()
    expect(run(`Get-VMHardDiskDrive -VMName ${worker.name}`)).toBe(
      text(
        `Get-VMHardDiskDrive : Hyper-V was unable to find a virtual machine with name "${worker.name}".`,
        'At line:1 char:1',
        `+ Get-VMHardDiskDrive -VMName ${worker.name}`,
        `+ ${'~'.repeat(`Get-VMHardDiskDrive -VMName ${worker.name}`.length)}`,
        `    + CategoryInfo          : InvalidArgument: (${worker.name}:String) [Get-VMHardDiskDrive], VirtualizationException`,
        '    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMHardDiskDrive',
        '',
      ),
    )
    expect(
      run(`Get-VM -ComputerName (Get-ClusterNode) | Get-VMHardDiskDrive | Measure-Object | % Count`),
    ).toBe('5')
    expect(run('Get-VMHardDiskDrive')).toContain('missing mandatory parameters: VMName.')
    expect(run(`Get-VMHardDiskDrive ${worker.name} -ComputerName hci-node2 -ControllerType IDE`)).toBe('')
  })
})
