import { describe, expect, it } from 'vitest'
import { installedConsole, text } from './testkit'

// Workload clusters through the console on the seeded lab: the cmdlets block until the engine's
// task ends, then kubectl sees what the engine made. Goldens: `kubectl get pod -A` of a new
// 2-Linux-node cluster and of a mixed Linux + Windows one, nodes -o wide, the cmdlets' objects.

/** Runs a line that waits (New-AksHciCluster …), lets `minutes` of virtual time pass, resumes it. */
function waitLine(c: ReturnType<typeof installedConsole>, line: string, minutes = 12): string {
  const started = c.session.run(line)
  if (!started.wait) return started.output
  c.lab.dispatch({ type: 'clock.advance', ms: minutes * 60_000 })
  const progress = c.session.progress()
  const done = c.session.resume()
  return [started.output, progress, done.output].filter((s) => s !== '').join('\n')
}

describe('New-AksHciCluster and kubectl get pod -A', () => {
  it('a new 2-Linux-node cluster (-clusterName, as the seed writes it)', () => {
    const c = installedConsole()
    const out = waitLine(c, 'New-AksHciCluster -clusterName demo -linuxNodeCount 2')
    expect(out).toBe(
      text(
        '[9/22/2020 10:00:00 AM]   0% Starting the load balancer and control plane VMs…',
        '[9/22/2020 10:09:00 AM] 100% Kubernetes cluster demo is provisioned: 1 control plane node, 2 worker nodes.',
        '',
        '',
        'ProvisioningState     : provisioned',
        'KubernetesVersion     : v1.20.7',
        'NodePools             : {demo-linux}',
        'WindowsNodeCount      : 0',
        'LinuxNodeCount        : 2',
        'ControlPlaneNodeCount : 1',
        'Name                  : demo',
        '',
        '',
        '',
      ),
    )
    expect(c.run('Get-AksHciCredential -name demo; kubectl get pod -A')).toBe(
      text(
        'NAMESPACE     NAME                                               READY   STATUS    RESTARTS   AGE',
        'kube-system   coredns-zjznnwwbm2-4jk2s                           1/1     Running   0          7m',
        'kube-system   coredns-zjznnwwbm2-6hqmt                           1/1     Running   0          7m',
        'kube-system   csi-msk8scsi-controller-4mtrxsbnf9-kd9wx           5/5     Running   0          7m',
        'kube-system   csi-msk8scsi-node-jn6t6                            3/3     Running   0          5m',
        'kube-system   csi-msk8scsi-node-tsr6l                            3/3     Running   0          4m',
        'kube-system   etcd-demo-control-plane-cmvx8                      1/1     Running   0          7m',
        'kube-system   kube-apiserver-demo-control-plane-cmvx8            1/1     Running   0          7m',
        'kube-system   kube-controller-manager-demo-control-plane-cmvx8   1/1     Running   0          7m',
        'kube-system   kube-flannel-ds-amd64-7nbs6                        1/1     Running   0          5m',
        'kube-system   kube-flannel-ds-amd64-88jjg                        1/1     Running   0          4m',
        'kube-system   kube-flannel-ds-amd64-wkjxw                        1/1     Running   0          7m',
        'kube-system   kube-proxy-nwstp                                   1/1     Running   0          5m',
        'kube-system   kube-proxy-tcn54                                   1/1     Running   0          7m',
        'kube-system   kube-proxy-v7k5q                                   1/1     Running   0          4m',
        'kube-system   kube-scheduler-demo-control-plane-cmvx8            1/1     Running   0          7m',
        'kube-system   moc-cloud-controller-manager-tnthfsqb4l-w2cjr      1/1     Running   0          7m',
      ),
    )
  })

  it('a mixed Linux + Windows cluster; nodes -o wide', () => {
    const c = installedConsole()
    waitLine(
      c,
      'New-AksHciCluster -name mixed -linuxNodeCount 1 -windowsNodeCount 1 -kubernetesVersion v1.18.8',
    )
    expect(c.run('Get-AksHciCredential -name mixed; kubectl get pod -A')).toBe(
      text(
        'NAMESPACE     NAME                                                READY   STATUS    RESTARTS   AGE',
        'kube-system   coredns-zjznnwwbm2-4jk2s                            1/1     Running   0          7m',
        'kube-system   coredns-zjznnwwbm2-6hqmt                            1/1     Running   0          7m',
        'kube-system   csi-msk8scsi-controller-4mtrxsbnf9-kd9wx            5/5     Running   0          7m',
        'kube-system   csi-msk8scsi-node-jn6t6                             3/3     Running   0          5m',
        'kube-system   etcd-mixed-control-plane-cmvx8                      1/1     Running   0          7m',
        'kube-system   kube-apiserver-mixed-control-plane-cmvx8            1/1     Running   0          7m',
        'kube-system   kube-controller-manager-mixed-control-plane-cmvx8   1/1     Running   0          7m',
        'kube-system   kube-flannel-ds-amd64-7nbs6                         1/1     Running   0          5m',
        'kube-system   kube-flannel-ds-amd64-wkjxw                         1/1     Running   0          7m',
        'kube-system   kube-flannel-ds-windows-amd64-tsr6l                 1/1     Running   0          4m',
        'kube-system   kube-proxy-nwstp                                    1/1     Running   0          5m',
        'kube-system   kube-proxy-tcn54                                    1/1     Running   0          7m',
        'kube-system   kube-proxy-windows-88jjg                            1/1     Running   0          4m',
        'kube-system   kube-scheduler-mixed-control-plane-cmvx8            1/1     Running   0          7m',
        'kube-system   moc-cloud-controller-manager-tnthfsqb4l-w2cjr       1/1     Running   0          7m',
      ),
    )
    expect(c.run('kubectl get nodes -o wide')).toBe(
      text(
        'NAME                        STATUS   ROLES    AGE   VERSION   INTERNAL-IP     EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION    CONTAINER-RUNTIME',
        'mixed-control-plane-cmvx8   Ready    master   7m    v1.18.8   192.168.0.102   <none>        CBL-Mariner/Linux                5.4.91-4.cm1      containerd://1.4.4',
        'moc-lcki3vhtzh0             Ready    <none>   5m    v1.18.8   192.168.0.103   <none>        CBL-Mariner/Linux                5.4.91-4.cm1      containerd://1.4.4',
        'moc-wdff5pjpueg             Ready    <none>   4m    v1.18.8   192.168.0.104   <none>        Windows Server 2019 Datacenter   10.0.17763.1935   docker://19.3.14',
      ),
    )
  })
})

describe('node pools, scaling, credentials and refusals', () => {
  it('the node-pool form reports 0 Linux/Windows nodes; Get-AksHciNodePool has them', () => {
    const c = installedConsole()
    const out = waitLine(c, 'New-AksHciCluster -name pools -nodePoolName np1 -nodeCount 2 -osType Linux')
    expect(out).toContain('NodePools             : {np1}')
    expect(out).toContain('LinuxNodeCount        : 0')
    expect(c.run('Get-AksHciNodePool -clusterName pools')).toBe(
      text(
        '',
        '',
        'ClusterName  : pools',
        'NodePoolName : np1',
        'Version      : v1.20.7',
        'OsType       : Linux',
        'NodeCount    : 2',
        'VmSize       : Standard_K8S3_v1',
        'Phase        : Deployed',
        '',
        '',
        '',
      ),
    )
    expect(
      c.run('(Get-AksHciCluster -name pools).AutoScalerEnabled; (Get-AksHciCluster).ControlPlaneVmSize'),
    ).toBe(text('False', 'Standard_A4_v2'))
  })

  it('Set-AksHciNodePool -count blocks until the new node is Ready', () => {
    const c = installedConsole()
    waitLine(c, 'New-AksHciCluster -name demo -linuxNodeCount 1')
    c.run('Get-AksHciCredential -name demo')
    expect(c.session.run('Set-AksHciNodePool -clusterName demo -name demo-linux -count 2').wait).toBeDefined()
    c.lab.dispatch({ type: 'clock.advance', ms: 30 * 60_000 })
    c.session.resume()
    const nodes = c.run('kubectl get nodes --no-headers').split('\n')
    expect(nodes).toHaveLength(3)
    expect(nodes.every((l) => / Ready /.test(l))).toBe(true)
    expect(c.run('(Get-AksHciNodePool -clusterName demo).NodeCount')).toBe('2')
  })

  it('kubectl without a credential, and the engine refusals as error records', () => {
    const c = installedConsole()
    expect(c.run('kubectl get nodes')).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    )
    expect(c.run('Get-AksHciCluster -name nope')).toContain(
      "Get-AksHciCluster : A workload cluster with the name 'nope' was not found.",
    )
    const bad = c.run('New-AksHciCluster -name Bad_Name')
    expect(bad).toContain("New-AksHciCluster : The cluster name 'Bad_Name' is not valid.")
    expect(bad).toContain('+ FullyQualifiedErrorId : InvalidClusterSpec,New-AksHciCluster')
    expect(c.run('New-AksHciCluster -name x -nodePoolName p -linuxNodeCount 2')).toContain(
      'Parameter set cannot be resolved using the specified named parameters.',
    )
  })

  it('contexts: one per cluster, named <cluster>-admin@<cluster>; Remove-AksHciCluster blocks', () => {
    const c = installedConsole()
    waitLine(c, 'New-AksHciCluster -name demo -linuxNodeCount 1')
    c.run('Get-AksHciCredential -name demo')
    expect(c.run('kubectl config get-contexts')).toBe(
      text(
        'CURRENT   NAME              CLUSTER   AUTHINFO     NAMESPACE',
        '*         demo-admin@demo   demo      demo-admin   ',
      ),
    )
    expect(c.run('kubectl version')).toContain('Server Version: v1.20.7')
    expect(c.session.run('Remove-AksHciCluster -name demo').wait).toBeDefined()
    c.lab.dispatch({ type: 'clock.advance', ms: 30 * 60_000 })
    expect(c.session.resume().error).toBeUndefined()
    expect(c.run('Get-AksHciCluster')).toBe('')
  })

  it('lists VM sizes and Kubernetes versions', () => {
    const c = installedConsole()
    const sizes = c.run('Get-AksHciVmSize').split('\n')
    expect(sizes.slice(0, 5)).toEqual([
      '',
      'VmSize           CPU MemoryGB',
      '------           --- --------',
      'Default            4        4',
      'Standard_A2_v2     2        4',
    ])
    expect(c.run('Get-AksHciKubernetesVersion | Select-Object -Last 1')).toMatch(
      /OrchestratorType OrchestratorVersion OS\s+IsPreview\n[- ]+\nKubernetes\s+v1\.20\.7\s+Windows\s+False/,
    )
  })
})
