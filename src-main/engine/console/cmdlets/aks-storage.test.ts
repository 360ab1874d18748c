import { describe, expect, it } from 'vitest'
import { installedConsole, newConsole, text } from '../testkit'

// New-AksHciStorageContainer and Get-AksHciStorageContainer on the seeded lab after the documented
// install (image directory C:\ClusterStorage\Volume01\images): byte-exact goldens of the table, the
// list and the error records (5.1 layout, powershell-views.md §12).

const CUSTOM =
  'New-AksHciStorageContainer -Name customStorageContainer -Path C:\\ClusterStorage\\Volume01\\custom'

describe('Get-AksHciStorageContainer', () => {
  it("lists the install's own container, MocStorageContainer (the image directory)", () => {
    const { run } = installedConsole()
    expect(run('Get-AksHciStorageContainer')).toBe(
      text(
        '',
        'Name                Path',
        '----                ----',
        'MocStorageContainer C:\\ClusterStorage\\Volume01\\images',
        '',
        '',
      ),
    )
  })

  it('lists a new container after it; -Name finds one case-insensitively', () => {
    const { run } = installedConsole()
    expect(run(CUSTOM)).toBe('')
    expect(run('Get-AksHciStorageContainer')).toBe(
      text(
        '',
        'Name                   Path',
        '----                   ----',
        'MocStorageContainer    C:\\ClusterStorage\\Volume01\\images',
        'customStorageContainer C:\\ClusterStorage\\Volume01\\custom',
        '',
        '',
      ),
    )
    expect(run('Get-AksHciStorageContainer -name CUSTOMSTORAGECONTAINER')).toBe(
      text(
        '',
        'Name                   Path',
        '----                   ----',
        'customStorageContainer C:\\ClusterStorage\\Volume01\\custom',
        '',
        '',
      ),
    )
    expect(run('(Get-AksHciStorageContainer -Name mocstoragecontainer).Path')).toBe(
      'C:\\ClusterStorage\\Volume01\\images',
    )
    expect(run('(Get-AksHciStorageContainer).Count')).toBe('2')
  })

  it('Format-List and ConvertTo-Json show Name and Path', () => {
    const { run } = installedConsole()
    run(CUSTOM)
    expect(run('Get-AksHciStorageContainer | Format-List')).toBe(
      text(
        '',
        '',
        'Name : MocStorageContainer',
        'Path : C:\\ClusterStorage\\Volume01\\images',
        '',
        'Name : customStorageContainer',
        'Path : C:\\ClusterStorage\\Volume01\\custom',
        '',
        '',
        '',
      ),
    )
    expect(run('Get-AksHciStorageContainer -Name customStorageContainer | ConvertTo-Json')).toBe(
      text(
        '{',
        '    "Name":  "customStorageContainer",',
        '    "Path":  "C:\\\\ClusterStorage\\\\Volume01\\\\custom"',
        '}',
      ),
    )
  })

  it('an unknown -Name is an error record', () => {
    const { run } = installedConsole()
    expect(run('Get-AksHciStorageContainer -Name nope')).toBe(
      text(
        "Get-AksHciStorageContainer : A storage container with the name 'nope' was not found.",
        'At line:1 char:1',
        '+ Get-AksHciStorageContainer -Name nope',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ObjectNotFound: (nope:String) [Get-AksHciStorageContainer], Exception',
        '    + FullyQualifiedErrorId : StorageContainerNotFound,Get-AksHciStorageContainer',
        '',
      ),
    )
  })

  it('before the install, both cmdlets refuse', () => {
    const { run } = newConsole()
    expect(run('Get-AksHciStorageContainer')).toBe(
      text(
        'Get-AksHciStorageContainer : AKS on Azure Stack HCI is not installed on this cluster. Run Install-AksHci first.',
        'At line:1 char:1',
        '+ Get-AksHciStorageContainer',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : InvalidOperation: (:) [Get-AksHciStorageContainer], Exception',
        '    + FullyQualifiedErrorId : AksHciNotInstalled,Get-AksHciStorageContainer',
        '',
      ),
    )
    const out = run(CUSTOM)
    expect(out).toContain('New-AksHciStorageContainer : AksHci is not installed.')
    expect(out).toContain(
      '    + CategoryInfo          : InvalidOperation: (:) [New-AksHciStorageContainer], Exception',
    )
    expect(out).toContain('    + FullyQualifiedErrorId : AksHciNotInstalled,New-AksHciStorageContainer')
  })
})

describe('New-AksHciStorageContainer', () => {
  it("the engine's refusals become error records", () => {
    const { run } = installedConsole()
    run(CUSTOM)
    expect(run(`${CUSTOM}2`)).toBe(
      text(
        "New-AksHciStorageContainer : A storage container with the name 'customStorageContainer' already exists.",
        'At line:1 char:1',
        '+ New-AksHciStorageContainer -Name customStorageContainer -Path C:\\Clus ...',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ResourceExists: (customStorageContainer:String) [New-AksHciStorageContainer], Exception',
        '    + FullyQualifiedErrorId : StorageContainerExists,New-AksHciStorageContainer',
        '',
      ),
    )
    // The install's own name is taken too.
    expect(
      run('New-AksHciStorageContainer -Name MocStorageContainer -Path C:\\ClusterStorage\\Volume01\\x'),
    ).toContain('FullyQualifiedErrorId : StorageContainerExists,New-AksHciStorageContainer')
    expect(run('New-AksHciStorageContainer -Name y -Path D:\\x')).toBe(
      text(
        "New-AksHciStorageContainer : -path 'D:\\x' is not on a cluster shared volume. A multi-node deployment needs shared",
        'storage: use a path under C:\\ClusterStorage\\<volume> such as C:\\ClusterStorage\\Volume01\\AksHci.',
        'At line:1 char:1',
        '+ New-AksHciStorageContainer -Name y -Path D:\\x',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : InvalidArgument: (D:\\x:String) [New-AksHciStorageContainer], Exception',
        '    + FullyQualifiedErrorId : InvalidAksPath,New-AksHciStorageContainer',
        '',
      ),
    )
    expect(run('New-AksHciStorageContainer -Name y -Path C:\\ClusterStorage\\Volume09\\x')).toContain(
      "-path 'C:\\ClusterStorage\\Volume09\\x' is on volume 'Volume09', which does not exist.",
    )
    expect(
      run('New-AksHciStorageContainer -Name "bad name" -Path C:\\ClusterStorage\\Volume01\\c'),
    ).toContain('FullyQualifiedErrorId : InvalidStorageContainerName,New-AksHciStorageContainer')
    // Nothing was made by the refused lines.
    expect(run('(Get-AksHciStorageContainer).Count')).toBe('2')
  })

  it('-Name and -Path are mandatory', () => {
    const { run } = installedConsole()
    expect(run('New-AksHciStorageContainer -Name y')).toBe(
      text(
        'New-AksHciStorageContainer : Cannot process command because of one or more missing mandatory parameters: path.',
        'At line:1 char:1',
        '+ New-AksHciStorageContainer -Name y',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : InvalidArgument: (:) [New-AksHciStorageContainer], ParameterBindingException',
        '    + FullyQualifiedErrorId : MissingMandatoryParameter,New-AksHciStorageContainer',
        '',
      ),
    )
  })

  it('Get-Command, Get-Help and tab completion know both', () => {
    const { run, session } = installedConsole()
    expect(run('Get-Command *StorageContainer')).toBe(
      text(
        '',
        'CommandType     Name                                               Version    Source',
        '-----------     ----                                               -------    ------',
        'Function        Get-AksHciStorageContainer                         1.0.8      AksHci',
        'Function        New-AksHciStorageContainer                         1.0.8      AksHci',
        '',
        '',
      ),
    )
    expect(run('Get-Help New-AksHciStorageContainer')).toContain(
      '    New-AksHciStorageContainer -name <String> -path <String> [<CommonParameters>]',
    )
    expect(run('Get-Help Get-AksHciStorageContainer')).toContain(
      '    Get-AksHciStorageContainer [-name <String>] [<CommonParameters>]',
    )
    const complete = (line: string) => session.complete(line, line.length).candidates
    expect(complete('new-akshcistor')).toEqual(['New-AksHciStorageContainer'])
    expect(complete('New-AksHciStorageContainer -pa')).toEqual(['-path'])
  })
})

describe('a storage class on a storage container', () => {
  it("sc-custom.yaml from Documents puts the claim's VHDX in the container's folder", () => {
    const c = installedConsole()
    const started = c.session.run('New-AksHciCluster -name demo -linuxNodeCount 1')
    c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
    c.session.progress()
    if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
    expect(
      c.run(
        'New-AksHciStorageContainer -Name customStorageContainer -Path C:\\ClusterStorage\\Volume01\\customStorage',
      ),
    ).toBe('')
    c.run('Get-AksHciCredential -name demo')
    expect(c.run('kubectl apply -f sc-custom.yaml')).toBe(
      'storageclass.storage.k8s.io/aks-hci-disk-custom created\npersistentvolumeclaim/customclaim created',
    )
    c.lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    expect(c.run('kubectl get pvc customclaim')).toMatch(
      /\ncustomclaim {3}Bound {4}pvc-[0-9a-f-]{36} {3}10Gi {7}RWO {12}aks-hci-disk-custom {3}60s$/,
    )
    expect(c.run('(dir C:\\ClusterStorage\\Volume01\\customStorage -Recurse -File).Name')).toMatch(
      /^[0-9a-f-]{36}\.vhdx$/,
    )
  })
})
