import { describe, expect, it } from 'vitest'
import { ConsoleSession } from './session'
import { newConsole, text } from './testkit'

// Error records as Windows PowerShell 5.1 prints them.

describe('error records', () => {
  const { run, session } = newConsole()

  it('unknown command: the 5.1 CommandNotFoundException text, wrapped at the window width', () => {
    expect(run('Get-AksCluster')).toBe(
      text(
        "Get-AksCluster : The term 'Get-AksCluster' is not recognized as the name of a cmdlet, function, script file, or operable",
        'program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
        'At line:1 char:1',
        '+ Get-AksCluster',
        '+ ~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ObjectNotFound: (Get-AksCluster:String) [], CommandNotFoundException',
        '    + FullyQualifiedErrorId : CommandNotFoundException',
        '',
      ),
    )
  })

  it('unknown, ambiguous and repeated parameters point at the parameter', () => {
    expect(run('Get-VirtualDisk -Name x')).toBe(
      text(
        "Get-VirtualDisk : A parameter cannot be found that matches parameter name 'Name'.",
        'At line:1 char:17',
        '+ Get-VirtualDisk -Name x',
        '+                 ~~~~~',
        '    + CategoryInfo          : InvalidArgument: (:) [Get-VirtualDisk], ParameterBindingException',
        '    + FullyQualifiedErrorId : NamedParameterNotFound,Get-VirtualDisk',
        '',
      ),
    )
    expect(run('Get-Volume -D C')).toContain(
      "Get-Volume : Parameter cannot be processed because the parameter name 'D' is ambiguous. Possible matches include:\n-DriveLetter -Debug.",
    )
    expect(run('Get-ClusterNode -Name a -Name b')).toContain(
      "Cannot bind parameter because parameter 'Name' is specified more than once.",
    )
    expect(run('Get-ClusterNode a b')).toContain(
      "Get-ClusterNode : A positional parameter cannot be found that accepts argument 'b'.",
    )
    expect(run('Get-Volume | Where-Object Size -gt -lt 2')).toContain(
      'FullyQualifiedErrorId : AmbiguousParameterSet,Microsoft.PowerShell.Commands.WhereObjectCommand',
    )
  })

  it('missing argument, boolean and script block conversions', () => {
    expect(run('Get-StoragePool -FriendlyName')).toContain(
      "Get-StoragePool : Missing an argument for parameter 'FriendlyName'. Specify a parameter of type 'System.String[]' and\ntry again.",
    )
    expect(run("Get-StoragePool -IsPrimordial 'no'")).toContain(
      "Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'IsPrimordial'.",
    )
    expect(run('Get-Volume | Where-Object -FilterScript 5')).toContain(
      'Cannot bind parameter \'FilterScript\'. Cannot convert the "5" value of type "System.Int32" to type',
    )
  })

  it('objects not found: CIM, FailoverClusters and Hyper-V wording', () => {
    expect(run('Get-VirtualDisk Nope')).toBe(
      text(
        "Get-VirtualDisk : No MSFT_VirtualDisk objects found with property 'FriendlyName' equal to 'Nope'.  Verify the value of",
        'the property and retry.',
        'At line:1 char:1',
        '+ Get-VirtualDisk Nope',
        '+ ~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ObjectNotFound: (Nope:String) [Get-VirtualDisk], CimJobException',
        '    + FullyQualifiedErrorId : CmdletizationQuery_NotFound_FriendlyName,Get-VirtualDisk',
        '',
      ),
    )
    expect(run('Get-VirtualDisk Nope*')).toBe('')
    expect(run('Get-VMSwitch x')).toContain(
      'Get-VMSwitch : Hyper-V was unable to find a virtual switch with name "x".',
    )
  })

  it('parse errors print the position first', () => {
    expect(run("Get-Volume 'abc")).toBe(
      text(
        'At line:1 char:12',
        "+ Get-Volume 'abc",
        '+            ~~~~',
        "The string is missing the terminator: '.",
        '    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException',
        '    + FullyQualifiedErrorId : TerminatorExpectedAtEndOfString',
        '',
      ),
    )
    expect(run('Get-Volume | where { $_.Size')).toContain(
      text(
        'At line:1 char:20',
        '+ Get-Volume | where { $_.Size',
        '+                    ~',
        "Missing closing '}'",
      ),
    )
    expect(run('Get-Volume )')).toContain("Unexpected token ')' in expression or statement.")
    expect(run('$x -foo 3')).toContain("Unexpected token '-foo' in expression or statement.")
    expect(run('Get-Volume |')).toContain('An empty pipe element is not allowed.')
    expect(run('Get-Volume | 5')).toContain(
      'Expressions are only allowed as the first element of a pipeline.',
    )
    expect(run('(Get-Volume')).toContain("Missing closing ')' in expression.")
    expect(run('Get-Volume -FriendlyName a,')).toContain('Missing argument in parameter list.')
    expect(run('$x =')).toContain("You must provide a value expression following the '=' operator.")
  })

  it('a failed line reports its error and changes nothing', () => {
    const { lab, session: s } = newConsole()
    const before = lab.hash()
    const reply = s.run('New-Volume -FriendlyName A -Size 1GB; New-Volume -FriendlyName A -Size 1GB')
    expect(reply.error).toMatch(/already exists/)
    // The first statement succeeded; the failing one changed nothing more.
    expect(Object.values(lab.state.volumes).filter((v) => v.name === 'A')).toHaveLength(1)
    expect(lab.hash()).not.toBe(before)
    expect(session.run('Get-ClusterNode').error).toBeUndefined()
  })

  it('colours errors red only when colour is on', () => {
    const { lab } = newConsole()
    const coloured = new ConsoleSession({ state: () => lab.state, dispatch: (c) => lab.dispatch(c) })
    const out = coloured.run('Get-Nothing').output
    expect(out.startsWith('\x1b[91mGet-Nothing : The term')).toBe(true)
    expect(out).toContain('\x1b[0m')
    expect(run('Get-Nothing')).not.toContain('\x1b[')
  })
})
