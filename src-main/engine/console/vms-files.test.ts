import { describe, expect, it } from 'vitest'
import { installedConsole, newConsole, text } from './testkit'

// Get-VM, Get-ClusterGroup and Get-ChildItem on a lab with the AKS host installed (9:00 to 9:30,
// then read at 10:00 virtual time).

const VM = 'clustergroup-management-control-plane-xqzs5'
const CA = 'ca-6776d1df-daf7-4992-8b3c-655082cd0278'

describe('Get-VM', () => {
  it("lists this server's VMs as Hyper-V does", () => {
    const { run } = installedConsole()
    const table = text(
      '',
      'Name                                        State   CPUUsage(%) MemoryAssigned(M) Uptime   Status             Version',
      '----                                        -----   ----------- ----------------- ------   ------             -------',
      `${VM} Running 4           8192              00:44:00 Operating normally 9.0`,
      '',
      '',
    )
    expect(run('Get-VM')).toBe(table)
    expect(run('Get-VM -ComputerName (Get-ClusterNode)')).toBe(table)
    expect(run('Get-VM -ComputerName hci-node2')).toBe('')
    expect(run('(Get-VM).MemoryAssigned; (Get-VM clustergroup*).ProcessorCount')).toBe(
      text('8589934592', '4'),
    )
  })

  it('words a missing VM and an unknown computer like Hyper-V', () => {
    const { run } = newConsole()
    expect(run('Get-VM vm1')).toBe(
      text(
        'Get-VM : Hyper-V was unable to find a virtual machine with name "vm1".',
        'At line:1 char:1',
        '+ Get-VM vm1',
        '+ ~~~~~~~~~~',
        '    + CategoryInfo          : InvalidArgument: (vm1:String) [Get-VM], VirtualizationException',
        '    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM',
        '',
      ),
    )
    expect(run('Get-VM -ComputerName hci-node9')).toContain("The operation on computer 'hci-node9' failed")
  })
})

describe('Get-ClusterGroup', () => {
  it('lists the core groups, the cloud agent and the VM roles by name', () => {
    expect(installedConsole().run('Get-ClusterGroup')).toBe(
      text(
        '',
        'Name                                        OwnerNode State',
        '----                                        --------- -----',
        'Available Storage                           hci-node1 Offline',
        `${CA}     hci-node1 Online`,
        'Cluster Group                               hci-node1 Online',
        `${VM} hci-node1 Online`,
        '',
        '',
      ),
    )
  })
})

const header = (dir: string) => [
  `    Directory: ${dir}`,
  '',
  '',
  'Mode                LastWriteTime         Length Name',
  '----                -------------         ------ ----',
]

describe('Get-ChildItem', () => {
  it('lists the volumes as folders of C:\\ClusterStorage', () => {
    expect(newConsole().run('Get-ChildItem C:\\ClusterStorage')).toBe(
      text(
        '',
        '',
        ...header('C:\\ClusterStorage'),
        'd-----        9/22/2020   9:00 AM                Volume01',
        '',
        '',
      ),
    )
  })

  it("recurses through the ledger's folders and files with their Length in bytes", () => {
    const { run } = installedConsole()
    expect(run('dir C:\\ClusterStorage\\Volume01\\images -Recurse')).toBe(
      text(
        '',
        '',
        ...header('C:\\ClusterStorage\\Volume01\\images'),
        'd-----        9/22/2020   9:16 AM                b82daa5fb7519f9',
        '-a----        9/22/2020   9:10 AM     4294967296 Linux_k8s_1.0.8.10223.vhdx',
        '-a----        9/22/2020   9:10 AM    13958643712 Windows_K8s_17763.2928.220505-1621_202205101158.vhdx',
        '',
        '',
        ...header('C:\\ClusterStorage\\Volume01\\images\\b82daa5fb7519f9'),
        '-a----        9/22/2020   9:16 AM    10737418240 c973cd0f-94f7-419d-97da-2b6353386b7a.vhdx',
        '',
        '',
      ),
    )
    expect(run('(ls C:/clusterstorage/volume01/ -Recurse | Measure-Object -Property Length -Sum).Sum')).toBe(
      String(4294967296 + 13958643712 + 10737418240 + 3072 + 6144),
    )
    expect(run('(gci C:\\ClusterStorage\\Volume01 -Recurse -Filter *.vhdx).Name.Count')).toBe('3')
    expect(run('dir C:\\ClusterStorage\\Volume01\\images\\*.vhdx -File | % { $_.Length }')).toBe(
      text('4294967296', '13958643712'),
    )
    expect(run('(dir C:\\ClusterStorage\\Volume01 -Directory).Name')).toBe(
      text('Config', 'images', 'WorkingDir'),
    )
  })

  it('prints the ItemNotFoundException of an unknown path', () => {
    expect(newConsole().run('dir C:\\ClusterStorage\\Volume02')).toBe(
      text(
        "dir : Cannot find path 'C:\\ClusterStorage\\Volume02' because it does not exist.",
        'At line:1 char:1',
        '+ dir C:\\ClusterStorage\\Volume02',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ObjectNotFound: (C:\\ClusterStorage\\Volume02:String) [Get-ChildItem], ItemNotFoundException',
        '    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand',
        '',
      ),
    )
  })
})
