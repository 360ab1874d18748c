import { describe, expect, it } from 'vitest'
import { configure, register } from '../aks/testkit'
import { CONFIG, FLOW, installedConsole, newConsole, text, VNET } from './testkit'

// The AksHci cmdlets on the default lab: the documented PowerShell flow, its outputs and refusals.

describe('New-AksHciNetworkSetting', () => {
  it('returns a VirtualNetwork object listed like the real one', () => {
    const { run } = newConsole()
    expect(run(VNET.replace('$vnet = ', ''))).toBe(
      text(
        '',
        '',
        'Name               : mynet',
        'VswitchName        : ConvergedSwitch',
        'IpAddressPrefix    : ',
        'Gateway            : ',
        'DnsServers         : ',
        'MacPoolName        : MocMacPool',
        'Vlanid             : 0',
        'VipPoolStart       : 192.168.0.200',
        'VipPoolEnd         : 192.168.0.250',
        'K8snodeIpPoolStart : ',
        'K8snodeIpPoolEnd   : ',
        '',
        '',
        '',
      ),
    )
  })

  it('takes the static parameter set when -ipAddressPrefix is given, prefixes and any case', () => {
    const { run } = newConsole()
    run(
      '$v = new-akshcinetworksetting -NAME static1 -vswitch ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250 ' +
        '-ipAddressPrefix 192.168.0.0/24 -gateway 192.168.0.1 -dnsServers 192.168.0.2 -k8sNodeIpPoolStart 192.168.0.20 -k8sNodeIpPoolEnd 192.168.0.49 -vlanID 7',
    )
    expect(run('$v.IpAddressPrefix; $v.DnsServers; $v.Vlanid; $v.K8snodeIpPoolEnd')).toBe(
      text('192.168.0.0/24', '192.168.0.2', '7', '192.168.0.49'),
    )
  })

  it("refuses a bad setting with the shared network checks' words", () => {
    const { run } = newConsole()
    const out = run(
      'New-AksHciNetworkSetting -name MyNet -vSwitchName nope -vipPoolStart 192.168.0.150 -vipPoolEnd 192.168.0.160',
    )
    expect(out).toContain(
      "New-AksHciNetworkSetting : The network setting name 'MyNet' is not valid: use lowercase letters and digits only.",
    )
    expect(out).toMatch(/No\svirtual switch named 'nope'/)
    expect(out).toMatch(/overlaps the DHCP scope/)
    expect(out).toContain(
      '    + CategoryInfo          : InvalidArgument: (:) [New-AksHciNetworkSetting], Exception',
    )
    expect(out).toContain('    + FullyQualifiedErrorId : InvalidNetworkSetting,New-AksHciNetworkSetting')
  })
})

describe('Set-AksHciConfig and Get-AksHciConfig', () => {
  it('configures quietly; Get-AksHciConfig shows the settings as a hashtable', () => {
    const { run, lab } = newConsole()
    expect(run(`${VNET}; ${CONFIG} -skipHostLimitChecks -createAutoConfigContainers $false`)).toBe('')
    expect(lab.state.aks.phase).toBe('Configured')
    const out = run('Get-AksHciConfig')
    expect(out).toContain('imageDir            C:\\ClusterStorage\\Volume01\\images')
    expect(out).toContain('vnetName            mynet')
    expect(out).toContain('controlPlaneVmSize  Standard_A4_v2')
    expect(out).toContain('installState        NotInstalled')
  })

  it('uses the real default paths, which a cluster refuses', () => {
    const { run } = newConsole()
    expect(run(`${VNET}; Set-AksHciConfig -vnet $vnet`)).toContain(
      "Set-AksHciConfig : -imageDir 'C:\\AksHciImageStore' is not on a cluster shared volume.",
    )
  })

  it('needs a VirtualNetwork for -vnet', () => {
    const { run } = newConsole()
    expect(run('Set-AksHciConfig -vnet mynet -imageDir C:\\ClusterStorage\\Volume01\\images')).toContain(
      `Cannot process argument transformation on parameter 'vnet'. Cannot convert the "mynet" value of type\n"System.String" to type "VirtualNetwork".`,
    )
  })

  it('is refused after the install', () => {
    const { run } = installedConsole()
    expect(run(CONFIG)).toBe(
      text(
        'Set-AksHciConfig : AKS on Azure Stack HCI is already installed, so its configuration cannot be changed. Run',
        'Uninstall-AksHci first, then Set-AksHciConfig.',
        'At line:1 char:1',
        '+ Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\ima ...',
        `+ ${'~'.repeat(69)}`,
        '    + CategoryInfo          : InvalidOperation: (:) [Set-AksHciConfig], Exception',
        '    + FullyQualifiedErrorId : AksAlreadyInstalled,Set-AksHciConfig',
        '',
      ),
    )
  })
})

describe('Set-AksHciRegistration', () => {
  it("registers in the resource group's region, the default one", () => {
    const { run, lab } = newConsole()
    expect(
      run(
        'Set-AksHciRegistration -subscriptionId 3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c -resourceGroupName aks-rg -UseDeviceAuthentication',
      ),
    ).toBe('')
    expect(lab.state.aks.registration).toEqual({
      subscriptionId: '3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c',
      resourceGroupName: 'aks-rg',
      region: 'eastus',
    })
    expect(run('Set-AksHciRegistration -subscriptionId nope -resourceGroupName aks-rg')).toContain(
      "'nope' is not a subscription ID",
    )
  })
})

describe('Install-AksHci', () => {
  it('blocks the line: progress as virtual time passes, then the rest of the line', () => {
    const { session, lab } = newConsole()
    const started = session.run(`${FLOW}; 'after'`)
    expect(started.output).toBe(
      text(
        '[9/22/2020 9:00:00 AM]   0% Install-AksHci: installing AKS on Azure Stack HCI 1.0.8.10223 on hci-cluster.',
        '[9/22/2020 9:00:00 AM]   0% Validating the configuration and the servers…',
      ),
    )
    expect(session.resume().wait).toEqual(started.wait)
    expect(session.run('Get-VM').error).toMatch(/still running/)
    lab.dispatch({ type: 'clock.advance', ms: 10 * 60_000 })
    expect(session.progress().split('\n')).toEqual([
      '[9/22/2020 9:01:00 AM]   3% Validated the servers, the network setting and the storage.',
      '[9/22/2020 9:01:00 AM]   3% Downloading the Linux (CBL-Mariner) and Windows Server 2019 node images…',
      '[9/22/2020 9:10:00 AM]  33% Downloaded CBL-Mariner node image Linux_k8s_1.0.8.10223.vhdx (4 GiB).',
      '[9/22/2020 9:10:00 AM]  33% Downloaded Windows Server 2019 Datacenter Core node image Windows_K8s_17763.2928.220505-1621_202205101158.vhdx (13 GiB).',
      '[9/22/2020 9:10:00 AM]  33% Creating the MOC cloud agent clustered role…',
    ])
    expect(session.progress()).toBe('')
    lab.dispatch({ type: 'clock.advance', ms: 3_600_000 })
    const progress = session.progress().split('\n')
    expect(progress.at(-1)).toBe('[9/22/2020 9:30:00 AM] 100% AKS on Azure Stack HCI is installed.')
    expect(session.resume()).toEqual({ output: 'after', prompt: started.prompt })
  })

  it('refuses before Set-AksHciConfig and when already installed', () => {
    expect(newConsole().run('Install-AksHci')).toContain(
      'Install-AksHci : AKS on Azure Stack HCI is not configured. Run Set-AksHciConfig (or the Set up wizard) before',
    )
    expect(installedConsole().run('Install-AksHci')).toBe(
      text(
        'Install-AksHci : AKS on Azure Stack HCI is already installed. Run Uninstall-AksHci first to install it again.',
        'At line:1 char:1',
        '+ Install-AksHci',
        '+ ~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ResourceExists: (:) [Install-AksHci], Exception',
        '    + FullyQualifiedErrorId : AksAlreadyInstalled,Install-AksHci',
        '',
      ),
    )
  })

  it('Ctrl+C cancels the install, rolls it back and stops the line', () => {
    const { session, lab } = newConsole()
    session.run(`${FLOW}; 'after'`)
    lab.dispatch({ type: 'clock.advance', ms: 20 * 60_000 })
    session.cancel()
    const reply = session.resume()
    expect(reply.error).toBe('The operation was stopped: The installation was cancelled and rolled back.')
    expect(reply.output).toContain('Installation cancelled; everything it created was removed.')
    expect(reply.output).not.toContain('after')
    expect(lab.state.aks.phase).toBe('Configured')
    expect(Object.keys(lab.state.vms)).toEqual([])
  })
})

describe('Get-AksHciVersion and Uninstall-AksHci', () => {
  it('prints the version once installed, an error before', () => {
    expect(installedConsole().run('Get-AksHciVersion')).toBe('1.0.8.10223')
    expect(newConsole().run('Get-AksHciVersion')).toContain(
      'Get-AksHciVersion : AKS on Azure Stack HCI is not installed on this cluster. Run Install-AksHci first.',
    )
  })

  it('frees every byte and MB the install took', () => {
    const c = newConsole()
    const before = { files: c.lab.state.files, volumes: c.lab.state.volumes }
    const { run, lab } = installedConsole()
    expect(run('Uninstall-AksHci')).toBe('')
    expect({ files: lab.state.files, volumes: lab.state.volumes }).toEqual(before)
    expect(run('Get-VM -ComputerName (Get-ClusterNode)')).toBe('')
    expect(run('(Get-ClusterGroup).Name')).toBe(text('Available Storage', 'Cluster Group'))
    expect(run('Get-AksHciConfig | % { $_.installState }')).toBe('NotInstalled')
  })

  it('-SkipConfigCleanup keeps the configuration', () => {
    const { run, lab } = installedConsole()
    run('Uninstall-AksHci -SkipConfigCleanup')
    expect(lab.state.aks.phase).toBe('Configured')
    expect(lab.state.aks.config?.imageDir).toBe('C:\\ClusterStorage\\Volume01\\images')
  })

  it('says what the engine says when there is nothing to uninstall', () => {
    expect(newConsole().run('Uninstall-AksHci')).toContain('there is nothing to uninstall')
  })
})

describe('the cmdlets and the wizard', () => {
  it('give the same lab', () => {
    const byWizard = newConsole().lab
    // The wizard picks the region; the cmdlet has none (the resource group's: eastus).
    for (const command of [configure(), { ...register, region: 'eastus' }, { type: 'aks.install' }])
      expect(byWizard.dispatch(command).ok).toBe(true)
    byWizard.dispatch({ type: 'clock.advance', ms: 3_600_000 })

    const { session, lab } = newConsole()
    session.run(
      `${VNET}; ${CONFIG}; Set-AksHciRegistration -subscriptionId ${register.subscriptionId} -resourceGroupName ${register.resourceGroupName}`,
    )
    session.run('Install-AksHci')
    lab.dispatch({ type: 'clock.advance', ms: 3_600_000 })
    expect(session.resume().error).toBeUndefined()
    expect(lab.hash()).toBe(byWizard.hash())
  })
})
