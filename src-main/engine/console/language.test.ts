import { describe, expect, it } from 'vitest'
import { newConsole, text } from './testkit'

// Variables, statements, pipelines and the utility cmdlets, as a user types them.

describe('variables and statements', () => {
  it('keeps variables for the session; member access, Count and indexing', () => {
    const { run } = newConsole()
    expect(run('$x = Get-Volume')).toBe('')
    expect(run('$x.Count; $x[0].FriendlyName; $x[-1].DriveLetter')).toBe(text('2', 'Volume01', 'C'))
    expect(run('$x.Size')).toBe(text('2198956146688', '135774650368'))
    expect(run('$v = Get-VirtualDisk; $v.Count; $v.NumberOfDataCopies')).toBe(text('1', '2'))
    expect(run('$missing.Count; $null')).toBe('0')
  })

  it('evaluates numbers with size suffixes, arithmetic, strings and casts', () => {
    const { run } = newConsole()
    expect(run('1.5TB; 1TB / 1GB; 2 + 3 * 4; 10 % 4; 7 / 2')).toBe(
      text('1649267441664', '1024', '14', '2', '3.5'),
    )
    expect(run(`'it''s'; "a$(1 + 1)b"; $n = 'x'; "n=$n \`$n"`)).toBe(text("it's", 'a2b', 'n=x $n'))
    expect(run('[math]::Round(1TB / 3GB, 2); [int]2.5; [int]3.5')).toBe(text('341.33', '2', '4'))
    expect(run('$true -and $false; -not $false; 1,2,3 -gt 1')).toBe(text('False', 'True', '2', '3'))
  })

  it('passes a variable as a parameter value and arrays with commas', () => {
    const { lab, run } = newConsole()
    run('$name = "Data"; $size = 100GB; New-Volume -FriendlyName $name -Size $size')
    expect(Object.values(lab.state.volumes).map((v) => v.name)).toContain('Data')
    expect(
      run('Get-VirtualDisk -FriendlyName Volume01, Data | Select-Object -ExpandProperty FriendlyName'),
    ).toBe(text('Volume01', 'Data'))
  })

  it('stops the line at a failing statement', () => {
    const { session } = newConsole()
    const reply = session.run('$a = 1; Get-Nothing; $a = 2')
    expect(reply.error).toMatch(/^The term 'Get-Nothing' is not recognized/)
    expect(session.run('$a').output).toBe('1')
  })
})

describe('pipelines', () => {
  const { run } = newConsole()

  it('Where-Object: simplified syntax, script blocks, aliases', () => {
    expect(run('Get-Volume | Where-Object Size -gt 1TB | Select-Object -ExpandProperty FriendlyName')).toBe(
      'Volume01',
    )
    expect(
      run('Get-Volume | ? { $_.FileSystemType -like "csv*" -or $_.Size -lt 1GB } | % FriendlyName'),
    ).toBe('Volume01')
    expect(run("Get-Volume | where -Property DriveLetter -eq -Value 'C' | % { $_.FileSystemType }")).toBe(
      'NTFS',
    )
    expect(run('Get-PhysicalDisk | where SerialNumber -match "8629" | % DeviceId')).toBe('1001')
  })

  it('Select-Object makes new objects: 4 properties or fewer print as a table, numbers right-aligned', () => {
    expect(run('Get-Volume | Select-Object FriendlyName, Size')).toBe(
      text(
        '',
        'FriendlyName          Size',
        '------------          ----',
        'Volume01     2198956146688',
        '              135774650368',
        '',
        '',
      ),
    )
    expect(run('Get-PhysicalDisk | select -First 2 -Property DeviceId | ft -HideTableHeaders')).toBe(
      text('', '1001', '1002', '', ''),
    )
    expect(
      run(
        'Get-StoragePool -IsPrimordial $false | select FriendlyName, @{n="SizeTB"; e={[math]::Round($_.Size / 1TB, 2)}}',
      ),
    ).toBe(
      text('', 'FriendlyName       SizeTB', '------------       ------', 'S2D on hci-cluster  13.97', '', ''),
    )
  })

  it('Sort-Object by property, descending', () => {
    expect(run('Get-Volume | Sort-Object Size | % FriendlyName')).toBe(text('', 'Volume01'))
    expect(run('Get-ClusterNode | Sort-Object -Property Name -Descending | % Name')).toBe(
      text('hci-node2', 'hci-node1'),
    )
  })

  it('Measure-Object: count by default, statistics of a property', () => {
    expect(run('Get-PhysicalDisk | measure')).toBe(
      text(
        '',
        '',
        'Count    : 8',
        'Average  : ',
        'Sum      : ',
        'Maximum  : ',
        'Minimum  : ',
        'Property : ',
        '',
        '',
        '',
      ),
    )
    expect(run('Get-PhysicalDisk | Measure-Object -Property Size -Sum -Average -Maximum -Minimum')).toBe(
      text(
        '',
        '',
        'Count    : 8',
        'Average  : 1920000000000',
        'Sum      : 15360000000000',
        'Maximum  : 1920000000000',
        'Minimum  : 1920000000000',
        'Property : Size',
        '',
        '',
        '',
      ),
    )
    expect(run('Get-Volume | Measure-Object -Property Nope -Sum')).toContain(
      'Measure-Object : The property "Nope" cannot be found in the input for any objects.',
    )
  })

  it('Format-List: default, *, and a property list', () => {
    expect(run('Get-ClusterNode hci-node1 | Format-List Name, State')).toBe(
      text('', '', 'Name  : hci-node1', 'State : Up', '', '', ''),
    )
    const all = run('Get-Volume C | fl *')
    expect(all).toContain(
      'AllocationUnitSize : 4096\nDedupMode          : NotAvailable\nDriveLetter        : C',
    )
    expect(run('Get-VirtualDisk | fl')).toContain('NumberOfDataCopies     : 2\n')
  })

  it('Format-Table with a property list shows raw values', () => {
    expect(run('Get-VirtualDisk | ft FriendlyName, Size, FootprintOnPool -AutoSize')).toBe(
      text(
        '',
        'FriendlyName          Size FootprintOnPool',
        '------------          ---- ---------------',
        'Volume01     2199023255552   4398046511104',
        '',
        '',
      ),
    )
  })
})

describe('ConvertTo-Json (Windows PowerShell 5.1 layout)', () => {
  const { run } = newConsole()

  it('one object: 4-space indent, two spaces after the colon, enums as numbers', () => {
    expect(run('Get-ClusterNode hci-node1 | Select-Object Name, State, Id | ConvertTo-Json')).toBe(
      text('{', '    "Name":  "hci-node1",', '    "State":  0,', '    "Id":  "1"', '}'),
    )
  })

  it('several objects make an array; nested values align under their key', () => {
    expect(run('Get-VMSwitch | select Name, NetAdapterInterfaceDescriptions | ConvertTo-Json')).toBe(
      text(
        '{',
        '    "Name":  "ConvergedSwitch",',
        '    "NetAdapterInterfaceDescriptions":  [',
        '                                            "Mellanox ConnectX-4 Lx Ethernet Adapter"',
        '                                        ]',
        '}',
      ),
    )
    expect(run('Get-ClusterNode | select Name | ConvertTo-Json')).toBe(
      text(
        '[',
        '    {',
        '        "Name":  "hci-node1"',
        '    },',
        '    {',
        '        "Name":  "hci-node2"',
        '    }',
        ']',
      ),
    )
  })

  it('empty collections, -Compress, escaping and -Depth', () => {
    expect(run('@{a=@()} | ConvertTo-Json')).toBe(text('{', '    "a":  [', '', '          ]', '}'))
    expect(run(`ConvertTo-Json @(1, 'a<b', $null, $true, 1.5) -Compress`)).toBe(
      '[1,"a\\u003cb",null,true,1.5]',
    )
    expect(run('@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress')).toBe(
      '{"a":{"b":{"c":"System.Collections.Hashtable"}}}',
    )
    expect(run('Get-ClusterSharedVolume | ConvertTo-Json -Compress')).toContain(
      '"SharedVolumeInfo":[{"FaultState":"NoFaults","FriendlyVolumeName":"C:\\\\ClusterStorage\\\\Volume01","MaintenanceMode":false,"Partition":"@{Name=',
    )
  })
})
