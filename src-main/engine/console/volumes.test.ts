import { describe, expect, it } from 'vitest'
import { newConsole, text } from './testkit'

// New-Volume, Resize-VirtualDisk and Remove-VirtualDisk: parameters mapped to engine commands.

function resiliencyOf(lab: ReturnType<typeof newConsole>['lab'], name: string) {
  return Object.values(lab.state.volumes).find((v) => v.name === name)
}

describe('New-Volume', () => {
  it('prints the new volume in the Get-Volume view', () => {
    const { run } = newConsole()
    expect(run('New-Volume -StoragePoolFriendlyName S2D* -FriendlyName Data -Size 200GB')).toBe(
      text(
        '',
        'DriveLetter FriendlyName FileSystemType DriveType HealthStatus OperationalStatus SizeRemaining      Size',
        '----------- ------------ -------------- --------- ------------ ----------------- -------------      ----',
        '            Data         CSVFS_ReFS     Fixed     Healthy      OK                    199.94 GB 199.94 GB',
        '',
        '',
      ),
    )
  })

  it('maps Mirror and PhysicalDiskRedundancy to two- and three-way mirrors (defaults by server count)', () => {
    const two = newConsole(2)
    two.run('New-Volume -FriendlyName A -Size 100GB')
    two.run('New-Volume -FriendlyName B -Size 100GB -ResiliencySettingName Mirror -PhysicalDiskRedundancy 1')
    expect(resiliencyOf(two.lab, 'A')?.resiliency).toBe('two-way-mirror')
    expect(resiliencyOf(two.lab, 'B')?.resiliency).toBe('two-way-mirror')
    const four = newConsole(4)
    four.run('New-Volume -FriendlyName A -Size 100GB')
    four.run('new-volume -friendlyname B -size 100GB -res mirror -phys 1 -Prov Thin')
    expect(resiliencyOf(four.lab, 'A')?.resiliency).toBe('three-way-mirror')
    expect(resiliencyOf(four.lab, 'B')).toMatchObject({ resiliency: 'two-way-mirror', provisioning: 'Thin' })
  })

  it('creates dual parity and mirror-accelerated parity on 4 servers', () => {
    const { lab, run } = newConsole(4)
    run('New-Volume -FriendlyName P -Size 1TB -ResiliencySettingName Parity')
    run(
      'New-Volume -FriendlyName M -StorageTierFriendlyNames MirrorOnSSD, ParityOnSSD -StorageTierSizes 200GB, 800GB',
    )
    expect(resiliencyOf(lab, 'P')?.resiliency).toBe('dual-parity')
    expect(resiliencyOf(lab, 'M')).toMatchObject({
      resiliency: 'mirror-accelerated-parity',
      sizeBytes: 1000 * 1024 ** 3,
      mirrorSizeBytes: 200 * 1024 ** 3,
    })
    // Tiered disks show no resiliency of their own.
    expect(run('Get-VirtualDisk M').split('\n')[3]).toBe(
      'M                                                        OK                Healthy      1000 GB         2.15 TB   45.45%',
    )
  })

  it('creates nested two-way mirror and nested mirror-accelerated parity on 2 servers', () => {
    const { lab, run } = newConsole(2)
    run('New-Volume -FriendlyName N -StorageTierFriendlyNames NestedMirrorOnSSD -StorageTierSizes 500GB')
    run(
      'New-Volume -FriendlyName NM -StorageTierFriendlyNames NestedMirrorOnSSD, NestedParityOnSSD -StorageTierSizes 100GB, 400GB',
    )
    expect(resiliencyOf(lab, 'N')?.resiliency).toBe('nested-two-way-mirror')
    expect(resiliencyOf(lab, 'NM')).toMatchObject({
      resiliency: 'nested-mirror-accelerated-parity',
      mirrorSizeBytes: 100 * 1024 ** 3,
    })
  })

  it('refuses a three-way mirror on 2 servers with the engine message as a CIM error', () => {
    const { lab, session } = newConsole(2)
    const before = lab.hash()
    const reply = session.run('New-Volume -FriendlyName Data -Size 1TB -PhysicalDiskRedundancy 2; Get-Volume')
    expect(reply.output).toBe(
      text(
        'New-Volume : Three-way mirror needs at least 3 servers; this cluster has 2 servers.',
        'At line:1 char:1',
        '+ New-Volume -FriendlyName Data -Size 1TB -PhysicalDiskRedundancy 2; Ge ...',
        `+ ${'~'.repeat(65)}`,
        '    + CategoryInfo          : InvalidOperation: (Data:String) [New-Volume], CimException',
        '    + FullyQualifiedErrorId : ResiliencyNotSupported,New-Volume',
        '',
      ),
    )
    expect(reply.error).toBe('Three-way mirror needs at least 3 servers; this cluster has 2 servers.')
    expect(lab.hash()).toBe(before)
  })

  it('refuses dual parity below 4 servers and single parity always', () => {
    const three = newConsole(3)
    expect(three.run('New-Volume -FriendlyName P -Size 1TB -ResiliencySettingName Parity')).toContain(
      'New-Volume : Dual parity needs at least 4 servers; this cluster has 3 servers.',
    )
    const four = newConsole(4)
    expect(
      four.run(
        'New-Volume -FriendlyName P -Size 1TB -ResiliencySettingName Parity -PhysicalDiskRedundancy 1',
      ),
    ).toContain('New-Volume : HCI Lab does not simulate single parity')
  })

  it('validates its parameters like PowerShell', () => {
    const { run } = newConsole()
    expect(run('New-Volume -FriendlyName x -Size 1TB -ResiliencySettingName Foo')).toContain(
      'The argument "Foo" does not belong to the\nset "Simple,Mirror,Parity" specified by the ValidateSet attribute.',
    )
    expect(run('New-Volume -FriendlyName x -Size 1TB -ProvisioningType Lazy')).toContain(
      'FullyQualifiedErrorId : ParameterArgumentValidationError,New-Volume',
    )
    expect(run('New-Volume -FriendlyName x -Size 1TB -FileSystem XFS')).toBe(
      text(
        'New-Volume : Cannot bind parameter \'FileSystem\'. Cannot convert value "XFS" to type',
        '"Microsoft.PowerShell.Cmdletization.GeneratedTypes.Volume.FileSystemType". Error: "Unable to match the identifier name',
        'XFS to a valid enumerator name. Specify one of the following enumerator names and try again:',
        'NTFS, ReFS, CSVFS_NTFS, CSVFS_ReFS"',
        'At line:1 char:50',
        '+ New-Volume -FriendlyName x -Size 1TB -FileSystem XFS',
        '+                                                  ~~~',
        '    + CategoryInfo          : InvalidArgument: (:) [New-Volume], ParameterBindingException',
        '    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,New-Volume',
        '',
      ),
    )
    expect(run('New-Volume -FriendlyName x -Size 1TB -FileSystem NTFS')).toContain(
      'HCI Lab simulates cluster shared volumes formatted with ReFS only',
    )
    expect(run("New-Volume -FriendlyName '' -Size 1TB")).toContain(
      "Cannot bind argument to parameter 'FriendlyName' because it is an empty string.",
    )
    expect(run('New-Volume -Size 1TB')).toContain(
      'New-Volume : Cannot process command because of one or more missing mandatory parameters: FriendlyName.',
    )
    expect(run('New-Volume -FriendlyName x')).toContain('missing mandatory parameters: Size.')
    expect(run('New-Volume -FriendlyName x -Size 1TB -StoragePoolFriendlyName Other*')).toContain(
      "No MSFT_StoragePool objects found with property 'FriendlyName' equal to 'Other*'.",
    )
    expect(run('New-Volume -FriendlyName x -Size abc')).toContain(
      'New-Volume : Cannot bind parameter \'Size\'. Cannot convert value "abc" to type "System.UInt64". Error: "Input string was\nnot in a correct format."',
    )
    expect(
      run('New-Volume -FriendlyName x -StorageTierFriendlyNames MirrorOnSSD -StorageTierSizes 1TB -Size 1TB'),
    ).toContain('Parameter set cannot be resolved using the specified named parameters.')
    expect(
      run('New-Volume -FriendlyName x -StorageTierFriendlyNames ParityOnSSD -StorageTierSizes 1TB'),
    ).toContain("No MSFT_StorageTier objects found with property 'FriendlyName' equal to 'ParityOnSSD'.")
  })
})

describe('Resize-VirtualDisk and Remove-VirtualDisk', () => {
  it('resize prints nothing and grows the disk', () => {
    const { lab, session, run } = newConsole()
    run('New-Volume -FriendlyName Data -Size 500GB')
    const reply = session.run('Resize-VirtualDisk -FriendlyName Data -Size 600GB')
    expect(reply).toEqual({ output: '', prompt: session.prompt() })
    expect(resiliencyOf(lab, 'Data')?.sizeBytes).toBe(600 * 1024 ** 3)
    expect(run('Resize-VirtualDisk Data -Size 100GB')).toContain('can be extended but not shrunk')
  })

  it('remove asks nothing, prints nothing, and takes piped disks', () => {
    const { lab, run } = newConsole()
    run('New-Volume -FriendlyName A -Size 100GB; New-Volume -FriendlyName B -Size 100GB')
    expect(run('Remove-VirtualDisk -FriendlyName A -Confirm:$false')).toBe('')
    expect(run('Get-VirtualDisk B | Remove-VirtualDisk')).toBe('')
    expect(Object.values(lab.state.volumes).map((v) => v.name)).toEqual(['Volume01'])
    expect(run('Remove-VirtualDisk Nope')).toContain(
      "Remove-VirtualDisk : No MSFT_VirtualDisk objects found with property 'FriendlyName' equal to 'Nope'.  Verify the value",
    )
  })
})
