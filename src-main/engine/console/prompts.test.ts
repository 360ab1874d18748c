import { describe, expect, it } from 'vitest'
import { clusterConsole, installedConsole, interactiveConsole, newConsole, text } from './testkit'

// -WhatIf, -Confirm and the prompt for missing mandatory parameters. The app's console is
// interactive: the next line typed answers the question. `hci-lab run` is not: it fails as
// powershell -NonInteractive does.

const V = 'C:\\ClusterStorage\\Volume01'
const PROMPT = '[hci-node1]: PS C:\\Users\\Administrator\\Documents> '
const CHOICES = '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '

describe('-WhatIf', () => {
  it.each([
    [
      'New-Volume -FriendlyName Data -Size 100GB -WhatIf',
      'What if: Performing the operation "Create" on target "Data".',
    ],
    [
      'Resize-VirtualDisk Volume01 -Size 3TB -WhatIf',
      'What if: Performing the operation "Resize" on target "Volume01".',
    ],
    [
      'Remove-VirtualDisk Volume01 -WhatIf',
      'What if: Performing the operation "Delete" on target "Volume01".',
    ],
    [
      `New-Item ${V}\\a.txt -WhatIf`,
      `What if: Performing the operation "Create File" on target "Destination: ${V}\\a.txt".`,
    ],
  ])('%s says what it would do and changes nothing', (line, expected) => {
    const { lab, run } = newConsole()
    const before = JSON.stringify(lab.state)
    expect(run(line)).toBe(expected)
    expect(JSON.stringify(lab.state)).toBe(before)
  })

  it.each([
    [
      'New-AksHciCluster -name demo2 -WhatIf',
      'What if: Performing the operation "New-AksHciCluster" on target "demo2".',
    ],
    [
      'Set-AksHciCluster -name demo -controlPlaneNodeCount 3 -WhatIf',
      'What if: Performing the operation "Set-AksHciCluster" on target "demo".',
    ],
    [
      'Set-AksHciNodePool -clusterName demo -name demo-linux -count 2 -WhatIf',
      'What if: Performing the operation "Set-AksHciNodePool" on target "demo-linux".',
    ],
    [
      'Remove-AksHciCluster -name demo -WhatIf',
      'What if: Performing the operation "Remove-AksHciCluster" on target "demo".',
    ],
  ])('%s leaves the clusters as they are', (line, expected) => {
    const { lab, run } = clusterConsole()
    const before = JSON.stringify(lab.state)
    expect(run(line)).toBe(expected)
    expect(JSON.stringify(lab.state)).toBe(before)
  })

  it('Uninstall-AksHci -WhatIf keeps the host', () => {
    const { lab, run } = installedConsole()
    expect(run('Uninstall-AksHci -WhatIf')).toBe(
      'What if: Performing the operation "Uninstall-AksHci" on target "hci-cluster".',
    )
    expect(lab.state.aks.phase).toBe('Installed')
  })
})

describe('-Confirm in the interactive console', () => {
  it('asks before each file; N skips one, Y goes on; the lab changes only once every answer is in', () => {
    const { lab, session } = interactiveConsole()
    session.run(`New-Item ${V}\\a.txt; New-Item ${V}\\b.txt`)
    const asked = session.run(`Remove-Item ${V}\\*.txt -Confirm`)
    expect(asked.output).toBe(
      text(
        '',
        'Confirm',
        'Are you sure you want to perform this action?',
        `Performing the operation "Remove File" on target "${V}\\a.txt".`,
      ),
    )
    expect(asked.prompt).toBe(CHOICES)
    const files = () => Object.values(lab.state.files).map((f) => f.path)
    expect(session.run('maybe').prompt).toBe(CHOICES)
    const second = session.run('n')
    expect(second.output).toContain(`Performing the operation "Remove File" on target "${V}\\b.txt".`)
    expect(files()).toContain(`${V}\\b.txt`)
    expect(session.run('y').prompt).toBe(PROMPT)
    expect(files().filter((f) => f.endsWith('.txt'))).toEqual([`${V}\\a.txt`])
  })

  it('A answers yes for the rest of the command; L no', () => {
    const { lab, session } = interactiveConsole()
    session.run(`New-Item ${V}\\a.txt; New-Item ${V}\\b.txt`)
    session.run(`Remove-Item ${V}\\*.txt -Confirm`)
    expect(session.run('a').prompt).toBe(PROMPT)
    expect(Object.values(lab.state.files).filter((f) => f.path.endsWith('.txt'))).toEqual([])
  })

  it('Remove-VirtualDisk asks without -Confirm (ConfirmImpact High); -Confirm:$false does not', () => {
    const { lab, session } = interactiveConsole()
    expect(session.run('Remove-VirtualDisk Volume01').prompt).toBe(CHOICES)
    expect(session.run('l').output).toBe('')
    expect(Object.keys(lab.state.volumes)).toHaveLength(1)
    expect(session.run('Remove-VirtualDisk Volume01 -Confirm:$false').prompt).toBe(PROMPT)
    expect(Object.keys(lab.state.volumes)).toHaveLength(0)
  })

  it('cannot ask once the statement has changed the lab, and says so', () => {
    const { lab, session } = interactiveConsole()
    session.run(`New-Item ${V}\\a.txt; New-Item ${V}\\b.txt`)
    const asked = session.run(`'a', 'b' | ForEach-Object { Remove-Item "${V}\\$_.txt" -Confirm }`)
    expect(asked.prompt).toBe(CHOICES)
    const reply = session.run('y')
    expect(reply.error).toBe(
      "HCI Lab's console cannot ask here: this statement already changed the lab before this question. " +
        'Run the commands one per line, or answer ahead with -Confirm:$false.',
    )
    expect(reply.prompt).toBe(PROMPT)
    expect(Object.values(lab.state.files).map((f) => f.path)).toContain(`${V}\\b.txt`)
  })

  it('Ctrl+C at the question abandons the command', () => {
    const { lab, session } = interactiveConsole()
    session.run('Remove-VirtualDisk Volume01')
    session.cancel()
    expect(session.run('(Get-VirtualDisk).Count').output).toBe('1')
    expect(Object.keys(lab.state.volumes)).toHaveLength(1)
  })

  it('fails in a non-interactive session, as powershell -NonInteractive does, and changes nothing', () => {
    const { lab, session } = newConsole()
    const reply = session.run(`Remove-VirtualDisk Volume01 -Confirm`)
    expect(reply.error).toBe(
      'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.',
    )
    expect(Object.keys(lab.state.volumes)).toHaveLength(1)
  })
})

describe('missing mandatory parameters', () => {
  it('are asked for one by one in the interactive console; an array until an empty line', () => {
    const { session } = interactiveConsole()
    const first = session.run('Get-Date; Get-Content')
    expect(first.output).toBe(
      text(
        '',
        'Tuesday, September 22, 2020 9:00:00 AM',
        '',
        '',
        'cmdlet Get-Content at command pipeline position 1',
        'Supply values for the following parameters:',
      ),
    )
    expect(first.prompt).toBe('Path[0]: ')
    expect(session.run('pvc.yaml').prompt).toBe('Path[1]: ')
    const done = session.run('')
    expect(done.output.split('\n')[0]).toMatch(/^# A claim for 100 GiB/)
    expect(done.prompt).toBe(PROMPT)
  })

  it('names the command by its pipeline position and binds the answer as typed', () => {
    const { lab, session } = interactiveConsole()
    const asked = session.run('Get-VirtualDisk | Resize-VirtualDisk')
    expect(asked.output).toBe(
      text(
        'cmdlet Resize-VirtualDisk at command pipeline position 2',
        'Supply values for the following parameters:',
      ),
    )
    expect(asked.prompt).toBe('Size: ')
    expect(session.run('3TB').error).toBeUndefined()
    expect(Object.values(lab.state.volumes)[0]!.sizeBytes).toBe(3 * 1024 ** 4)
  })

  it('an answer that does not bind is the binding error, and nothing runs', () => {
    const { lab, session } = interactiveConsole()
    session.run('New-Volume -Size 10GB')
    const reply = session.run('')
    expect(reply.error).toBe(
      "Cannot bind argument to parameter 'FriendlyName' because it is an empty string.",
    )
    expect(reply.prompt).toBe(PROMPT)
    expect(Object.keys(lab.state.volumes)).toHaveLength(1)
  })

  it('are an error in a non-interactive session', () => {
    const { session } = newConsole()
    expect(session.run('Get-Content').error).toBe(
      'Cannot process command because of one or more missing mandatory parameters: Path.',
    )
  })
})
