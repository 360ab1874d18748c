import { describe, expect, it } from 'vitest'
import { installedConsole, newConsole, text } from './testkit'

// Get-Module / Import-Module, Get-Cluster, Get-ClusterResource and Get-StorageJob.

describe('modules', () => {
  it('lists no module in a new session, then each module whose command was used (auto-loading)', () => {
    const { run } = newConsole()
    expect(run('Get-Module')).toBe('')
    expect(run('Get-Volume | Out-Null; Get-Module')).toBe(
      text(
        '',
        'ModuleType Version    Name                                ExportedCommands',
        '---------- -------    ----                                ----------------',
        'Manifest   2.0.0.0    Storage                             {Get-PhysicalDisk, Get-StorageJob, Get-StoragePool, Get-Sto...',
        '',
        '',
      ),
    )
  })

  it('Import-Module AksHci loads the module (-PassThru returns it, -Verbose says what it imports)', () => {
    const { run } = newConsole()
    expect(run('Import-Module AksHci')).toBe('')
    expect(run('(Get-Module).Name')).toBe('AksHci')
    expect(run('(Import-Module akshci -PassThru).ModuleType')).toBe('Script')
    expect(run('Import-Module AksHci -Verbose').split('\n').slice(0, 2)).toEqual([
      "VERBOSE: Loading module from path 'C:\\Program Files\\WindowsPowerShell\\Modules\\AksHci\\1.0.8\\AksHci.psd1'.",
      "VERBOSE: Importing function 'New-AksHciNetworkSetting'.",
    ])
  })

  it('refuses a module it does not have, as 5.1 does', () => {
    const { session } = newConsole()
    expect(session.run('Import-Module Az.Accounts').output).toBe(
      text(
        "Import-Module : The specified module 'Az.Accounts' was not loaded because no valid module file was found in any module",
        'directory.',
        'At line:1 char:1',
        '+ Import-Module Az.Accounts',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ResourceUnavailable: (Az.Accounts:String) [Import-Module], FileNotFoundException',
        '    + FullyQualifiedErrorId : Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand',
        '',
      ),
    )
  })
})

describe('Get-Cluster, Get-ClusterResource, Get-StorageJob', () => {
  it('Get-Cluster names the cluster', () => {
    expect(newConsole().run('Get-Cluster')).toBe(text('', 'Name', '----', 'hci-cluster', '', ''))
  })

  it("lists the core group's resources, then the cloud agent's and the VMs' once AKS is installed", () => {
    expect(newConsole().run('Get-ClusterResource')).toBe(
      text(
        '',
        'Name                        State  OwnerGroup    ResourceType',
        '----                        -----  ----------    ------------',
        'Cluster IP Address          Online Cluster Group IP Address',
        'Cluster Name                Online Cluster Group Network Name',
        'Cluster Pool 1              Online Cluster Group Storage Pool',
        'Health                      Online Cluster Group Health Service',
        'Storage Qos Resource        Online Cluster Group Storage QoS Policy Manager',
        'Virtual Machine Cluster WMI Online Cluster Group Virtual Machine Cluster WMI',
        '',
        '',
      ),
    )
    const { run } = installedConsole()
    expect(
      run('Get-ClusterResource | Select-Object -ExpandProperty ResourceType | Sort-Object -Unique'),
    ).toBe(
      text(
        'Generic Service',
        'Health Service',
        'IP Address',
        'Network Name',
        'Storage Pool',
        'Storage QoS Policy Manager',
        'Virtual Machine',
        'Virtual Machine Cluster WMI',
        'Virtual Machine Configuration',
      ),
    )
  })

  it('names a resource it does not have', () => {
    const reply = newConsole().session.run('Get-ClusterResource Nope')
    expect(reply.error).toBe("The resource 'Nope' was not found.")
  })

  it('Get-StorageJob prints nothing: the pool has no repair running', () => {
    expect(newConsole().run('Get-StorageJob')).toBe('')
  })
})
