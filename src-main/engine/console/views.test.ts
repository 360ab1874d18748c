import { describe, expect, it } from 'vitest'
import { newConsole, text } from './testkit'

// The default tables of every Get-* cmdlet on the default lab (2 servers × 4 × 1.92 TB SSD, Volume01).

describe('default views', () => {
  const { run } = newConsole()

  it('Get-ClusterNode', () => {
    expect(run('Get-ClusterNode')).toBe(
      text(
        '',
        'Name      State Type',
        '----      ----- ----',
        'hci-node1 Up    Node',
        'hci-node2 Up    Node',
        '',
        '',
      ),
    )
  })

  it('Get-VMSwitch prints the cluster-wide switch once', () => {
    expect(run('Get-VMSwitch')).toBe(
      text(
        '',
        'Name            SwitchType NetAdapterInterfaceDescription',
        '----            ---------- ------------------------------',
        'ConvergedSwitch External   Mellanox ConnectX-4 Lx Ethernet Adapter',
        '',
        '',
      ),
    )
  })

  it('Get-StoragePool: the primordial pool and the S2D pool, sizes right-aligned', () => {
    expect(run('Get-StoragePool')).toBe(
      text(
        '',
        'FriendlyName       OperationalStatus HealthStatus IsPrimordial IsReadOnly     Size AllocatedSize',
        '------------       ----------------- ------------ ------------ ----------     ---- -------------',
        'Primordial         OK                Healthy      True         False      13.97 TB      13.97 TB',
        'S2D on hci-cluster OK                Healthy      False        False      13.97 TB          4 TB',
        '',
        '',
      ),
    )
  })

  it('Get-PhysicalDisk', () => {
    const out = run('Get-PhysicalDisk').split('\n')
    expect(out.slice(0, 4)).toEqual([
      '',
      'Number FriendlyName         SerialNumber     MediaType CanPool OperationalStatus HealthStatus Usage          Size',
      '------ ------------         ------------     --------- ------- ----------------- ------------ -----          ----',
      '1001   SAMSUNG MZ7LH1T9HMLT S455NY0M8629B2B3 SSD       False   OK                Healthy      Auto-Select 1.75 TB',
    ])
    expect(out).toHaveLength(3 + 8 + 2)
    expect(out[10]).toMatch(/^2004 {3}SAMSUNG/)
  })

  it('Get-VirtualDisk: too wide for 120 columns, the last column shrinks and is cut with "..."', () => {
    expect(run('Get-VirtualDisk')).toBe(
      text(
        '',
        'FriendlyName ResiliencySettingName FaultDomainRedundancy OperationalStatus HealthStatus Size FootprintOnPool StorageE...',
        '------------ --------------------- --------------------- ----------------- ------------ ---- --------------- -----------',
        'Volume01     Mirror                1                     OK                Healthy      2 TB            4 TB         50%',
        '',
        '',
      ),
    )
  })

  it('Get-VirtualDisk on a wide window shows every column in full', () => {
    const wide = newConsole(2, 160)
    expect(wide.run('Get-VirtualDisk').split('\n').slice(1, 4)).toEqual([
      'FriendlyName ResiliencySettingName FaultDomainRedundancy OperationalStatus HealthStatus Size FootprintOnPool StorageEfficiency',
      '------------ --------------------- --------------------- ----------------- ------------ ---- --------------- -----------------',
      'Volume01     Mirror                1                     OK                Healthy      2 TB            4 TB               50%',
    ])
  })

  it('Get-Volume: the CSV, then the C: drive', () => {
    expect(run('Get-Volume')).toBe(
      text(
        '',
        'DriveLetter FriendlyName FileSystemType DriveType HealthStatus OperationalStatus SizeRemaining      Size',
        '----------- ------------ -------------- --------- ------------ ----------------- -------------      ----',
        '            Volume01     CSVFS_ReFS     Fixed     Healthy      OK                         2 TB      2 TB',
        'C                        NTFS           Fixed     Healthy      OK                     98.21 GB 126.45 GB',
        '',
        '',
      ),
    )
  })

  it('Get-ClusterSharedVolume', () => {
    expect(run('Get-ClusterSharedVolume')).toBe(
      text(
        '',
        'Name                            State  Node',
        '----                            -----  ----',
        'Cluster Virtual Disk (Volume01) Online hci-node1',
        '',
        '',
      ),
    )
  })

  it('Get-StorageTier: the templates of a 2-server all-SSD cluster', () => {
    expect(run('Get-StorageTier')).toBe(
      text(
        '',
        'FriendlyName      TierClass MediaType ResiliencySettingName FaultDomainRedundancy Size FootprintOnPool StorageEfficiency',
        '------------      --------- --------- --------------------- --------------------- ---- --------------- -----------------',
        'MirrorOnSSD       Unknown   SSD       Mirror                1                      0 B             0 B',
        'NestedMirrorOnSSD Unknown   SSD       Mirror                1                      0 B             0 B',
        'NestedParityOnSSD Unknown   SSD       Parity                1                      0 B             0 B',
        '',
        '',
      ),
    )
  })

  it('Get-Command: fixed-width columns, aliases first', () => {
    expect(run('Get-Command *Volume*')).toBe(
      text(
        '',
        'CommandType     Name                                               Version    Source',
        '-----------     ----                                               -------    ------',
        'Function        Get-Volume                                         2.0.0.0    Storage',
        'Function        New-Volume                                         2.0.0.0    Storage',
        'Cmdlet          Get-ClusterSharedVolume                            2.0.0.0    FailoverClusters',
        '',
        '',
      ),
    )
    expect(run('gcm ft')).toContain('Alias           ft -> Format-Table')
  })

  it('Get-Help builds NAME, SYNOPSIS and SYNTAX from the parameter definitions', () => {
    const help = run('Get-Help Get-VirtualDisk')
    expect(help).toContain(text('NAME', '    Get-VirtualDisk', '', 'SYNOPSIS'))
    expect(help).toContain(
      text('SYNTAX', '    Get-VirtualDisk [[-FriendlyName] <String[]>] [<CommonParameters>]'),
    )
    expect(run('help ft')).toContain('[[-Property] <Object[]>] [-AutoSize] [-HideTableHeaders] [-Wrap]')
  })
})
