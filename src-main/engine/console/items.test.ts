import { describe, expect, it } from 'vitest'
import { Tx } from '../core/tx'
import type { LabState } from '../core/state'
import { installedConsole, newConsole, text } from './testkit'

// Test-Path, Get-Item, New-Item, Copy-Item and Remove-Item on the volumes, with the FileSystem
// provider's outputs and errors.

const V = 'C:\\ClusterStorage\\Volume01'
const IMAGE = `${V}\\images\\Linux_k8s_1.0.8.10223.vhdx`

/** The error record lines a failed line printed, without its position lines. */
const record = (output: string) => output.split('\n').filter((l) => !/^(At line|\+ )/.test(l))

describe('files and folders', () => {
  it.each([
    [
      `New-Item ${V}\\notes.txt -Value hello`,
      text(
        '',
        '',
        `    Directory: ${V}`,
        '',
        '',
        'Mode                LastWriteTime         Length Name',
        '----                -------------         ------ ----',
        '-a----        9/22/2020  10:00 AM              5 notes.txt',
        '',
        '',
      ),
    ],
    [
      `New-Item -Path ${V} -Name work -ItemType Directory`,
      text(
        '',
        '',
        `    Directory: ${V}`,
        '',
        '',
        'Mode                LastWriteTime         Length Name',
        '----                -------------         ------ ----',
        'd-----        9/22/2020  10:00 AM                work',
        '',
        '',
      ),
    ],
    [
      `New-Item ${V}\\a.txt -WhatIf`,
      `What if: Performing the operation "Create File" on target "Destination: ${V}\\a.txt".`,
    ],
    [
      `Test-Path ${V}\\images; Test-Path ${V}\\images -PathType Leaf; Test-Path ${V}\\*.vhdx`,
      text('True', 'False', 'False'),
    ],
    ['Test-Path pvc.yaml -PathType Leaf', 'True'],
    [`(Get-Item ${IMAGE}).Name`, 'Linux_k8s_1.0.8.10223.vhdx'],
    [`(Get-Item ${V}\\images\\*.vhdx).Count`, '2'],
    [`(Get-Item -LiteralPath ${V}\\images).Name`, 'images'],
    [
      `Get-VHD -Path ${IMAGE} | Remove-Item -WhatIf`,
      `What if: Performing the operation "Remove File" on target "${IMAGE}".`,
    ],
  ])('%s', (line, expected) => {
    const { run } = installedConsole()
    expect(run(line)).toBe(expected)
  })

  it('copies a file into a folder and removes folders with -Recurse; -WhatIf and -Verbose say what', () => {
    const { run } = newConsole()
    run(`New-Item ${V}\\work -ItemType Directory; New-Item ${V}\\notes.txt -Value hello`)
    expect(run(`Copy-Item ${V}\\notes.txt ${V}\\work -Verbose`)).toBe(
      `VERBOSE: Performing the operation "Copy File" on target "Item: ${V}\\notes.txt Destination: ${V}\\work".`,
    )
    expect(run(`(Get-ChildItem ${V}\\work).Length`)).toBe('5')
    expect(run(`Remove-Item ${V}\\work -Recurse -WhatIf`)).toBe(
      `What if: Performing the operation "Remove Directory" on target "${V}\\work".`,
    )
    expect(run(`Remove-Item ${V}\\work -Recurse; Test-Path ${V}\\work`)).toBe('False')
    expect(run(`Get-ChildItem ${V}\\*.txt | Remove-Item; Test-Path ${V}\\notes.txt`)).toBe('False')
  })

  it.each([
    [
      `New-Item ${V}\\images -ItemType Directory`,
      [
        `New-Item : An item with the specified name ${V}\\images already exists.`,
        `    + CategoryInfo          : ResourceExists: (${V}\\images:String) [New-Item], IOException`,
        '    + FullyQualifiedErrorId : DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand',
      ],
    ],
    [
      `New-Item ${V}\\none\\a.txt`,
      [
        `New-Item : Could not find a part of the path '${V}\\none\\a.txt'.`,
        `    + CategoryInfo          : WriteError: (${V}\\none\\a.txt:String) [New-Item], IOException`,
        '    + FullyQualifiedErrorId : NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand',
      ],
    ],
    [
      'New-Item notes.txt',
      [
        "New-Item : Access to the path 'C:\\Users\\Administrator\\Documents\\notes.txt' is denied.",
        '    + CategoryInfo          : PermissionDenied: (C:\\Users\\Administrator\\Documents\\notes.txt:String) [New-Item], UnauthorizedAccessException',
        '    + FullyQualifiedErrorId : NewItemUnauthorizedAccessError,Microsoft.PowerShell.Commands.NewItemCommand',
      ],
    ],
    [
      `Get-Item ${V}\\none.txt`,
      [
        `Get-Item : Cannot find path '${V}\\none.txt' because it does not exist.`,
        `    + CategoryInfo          : ObjectNotFound: (${V}\\none.txt:String) [Get-Item], ItemNotFoundException`,
        '    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand',
      ],
    ],
    [
      `Remove-Item ${V}\\images`,
      [
        `Remove-Item : Cannot remove item ${V}\\images: The directory is not empty.`,
        `    + CategoryInfo          : WriteError: (${V}\\images:DirectoryInfo) [Remove-Item], IOException`,
        '    + FullyQualifiedErrorId : RemoveFileSystemItemIOError,Microsoft.PowerShell.Commands.RemoveItemCommand',
      ],
    ],
    [
      `Remove-Item ${V} -Recurse`,
      [
        `Remove-Item : Cannot remove item ${V}: '${V}' is the folder of a volume:`,
        'delete the volume instead (Remove-VirtualDisk).',
        `    + CategoryInfo          : WriteError: (${V}:DirectoryInfo) [Remove-Item], IOException`,
        '    + FullyQualifiedErrorId : RemoveFileSystemItemIOError,Microsoft.PowerShell.Commands.RemoveItemCommand',
      ],
    ],
  ])('%s is refused', (line, lines) => {
    const { lab, session } = installedConsole()
    const before = JSON.stringify(lab.state.files)
    expect(record(session.run(line).output)).toEqual([...lines, ''])
    expect(JSON.stringify(lab.state.files)).toBe(before)
  })

  it('refuses a VHDX the AKS host uses, with the error of a file in use', () => {
    const { lab, session } = installedConsole()
    const reply = session.run(`Remove-Item ${IMAGE}`)
    expect(record(reply.output)).toEqual([
      `Remove-Item : Cannot remove item ${IMAGE}: The process cannot access`,
      `the file '${IMAGE}' because it is being used by another process.`,
      `    + CategoryInfo          : WriteError: (${IMAGE}:FileInfo) [Remove-Item], IOException`,
      '    + FullyQualifiedErrorId : RemoveFileSystemItemIOError,Microsoft.PowerShell.Commands.RemoveItemCommand',
      '',
    ])
    expect(Object.values(lab.state.files).some((f) => f.path === IMAGE)).toBe(true)
  })

  it("removes a VHDX whose cluster is gone, and its bytes leave the volume's used space", () => {
    const { lab, run } = newConsole()
    const volumeId = Object.values(lab.state.volumes)[0]!.id
    new Tx(lab.state as LabState).put('files', 'vhdx-deleted-pvc-1', {
      id: 'vhdx-deleted-pvc-1',
      volumeId,
      path: `${V}\\images\\abc\\disk.vhdx`,
      sizeBytes: 100 * 1024 ** 3,
      allocatedBytes: 4 * 1024 ** 2,
      owner: { kind: 'pv', id: 'pvc-1', label: 'PV pvc-1 (default/logs) in cluster demo' },
      createdAt: lab.now,
    })
    const used = () => run('(Get-Volume -FriendlyName Volume01).SizeRemaining')
    const before = Number(used())
    expect(run(`Remove-Item ${V}\\images\\abc\\disk.vhdx; Test-Path ${V}\\images\\abc`)).toBe('False')
    expect(Number(used()) - before).toBe(4 * 1024 ** 2)
  })
})
