// `npm run bench`: prints performance figures. Timings live here, never in tests.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ConsoleSession } from '../src-main/engine/console'
import { Lab } from '../src-main/engine/lab'
import { DEFAULT_HARDWARE } from '../src-main/engine/hci/build'
import { measureCommitLatency, measureReopen } from '../src-main/persistence/bench'
import { WAL_AUTOCHECKPOINT_PAGES } from '../src-main/persistence/schema'
import { GiB } from '../src-main/shared/s2d'
import { FULL_SIZE, benchPods, type KubeBenchSize } from './bench-kube'

function line(label: string, value: string): void {
  console.log(`${label.padEnd(48)} ${value}`)
}

function benchVolumes(): void {
  const lab = Lab.create({
    name: 'bench',
    seed: 1,
    hardware: {
      servers: 16,
      cores: 64,
      memoryBytes: 512 * GiB,
      drives: [{ count: 12, sizeBytes: 8e12, media: 'SSD' }],
    },
  })
  const start = performance.now()
  let created = 0
  for (let i = 0; created < 63; i++) {
    const r = lab.dispatch({
      type: 'volume.create',
      name: `Bench${String(i).padStart(2, '0')}`,
      resiliency: i % 2 ? 'three-way-mirror' : 'dual-parity',
      sizeBytes: 500 * GiB,
      provisioning: i % 3 ? 'Fixed' : 'Thin',
    })
    if (!r.ok) throw new Error(r.error.message)
    created++
  }
  const ms = performance.now() - start
  line(
    'create 64 volumes (engine, 16 servers)',
    `${ms.toFixed(1)} ms total, ${((ms / created) * 1000).toFixed(0)} µs each`,
  )
}

function benchConsole(): void {
  const lab = Lab.create({ name: 'bench', seed: 1, hardware: DEFAULT_HARDWARE })
  const session = new ConsoleSession(
    { state: () => lab.state, dispatch: (c) => lab.dispatch(c) },
    { color: false },
  )
  const lines = [
    'Get-Volume',
    'Get-VirtualDisk | Format-Table FriendlyName, Size, FootprintOnPool',
    '$v = Get-VirtualDisk; $v.Count',
    'Get-PhysicalDisk | Where-Object MediaType -eq SSD | Measure-Object -Property Size -Sum',
    'Get-StoragePool | ConvertTo-Json',
  ]
  const count = 10_000
  const start = performance.now()
  for (let i = 0; i < count; i++) session.run(lines[i % lines.length]!)
  const ms = performance.now() - start
  line(
    '10k console commands (read cmdlets, pipelines)',
    `${ms.toFixed(0)} ms, ${(count / (ms / 1000)).toFixed(0)}/s`,
  )
}

function benchCommits(): void {
  const dir = mkdtempSync(join(tmpdir(), 'hcilab-bench-'))
  try {
    const r = measureCommitLatency(dir, 1000)
    line(
      'command commit latency (synchronous=FULL)',
      `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (goal ≤ 5 ms)`,
    )
    line('commits per second', r.perSecond.toFixed(0))
    line(
      'write-ahead log high-water mark',
      `${(r.maxWalBytes / 1024).toFixed(0)} KiB (checkpoint every ${WAL_AUTOCHECKPOINT_PAGES} pages)`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function benchReopen(): void {
  const dir = mkdtempSync(join(tmpdir(), 'hcilab-bench-'))
  try {
    const r = measureReopen(dir, 100_000)
    line(
      `reopen a lab of ${r.commands.toLocaleString('en')} commands`,
      `${r.reopenMs.toFixed(0)} ms (every row checked; built in ${(r.buildMs / 1000).toFixed(1)} s)`,
    )
    line(
      'open one whose last command fails to replay',
      `${r.failedLastMs.toFixed(0)} ms (original kept, file rebuilt)`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function benchKube(): void {
  // The size (one cluster of 200 workers, 20,000 pods, 2,000 PVCs) takes ~15 s here;
  // BENCH_QUICK=1 runs a tenth of it.
  const quick: KubeBenchSize = {
    workers: 20,
    deployments: 18,
    podsPerDeployment: 100,
    statefulSets: 4,
    podsPerStatefulSet: 50,
  }
  const small = process.env.BENCH_QUICK === '1'
  // A warm-up run first, as the baseline takes its best of three rounds: the figures are the
  // long-running engine's, not its first minutes' compilation.
  if (!small) benchPods(quick)
  const r = benchPods(small ? quick : FULL_SIZE)
  const size = `${r.pods} pods, ${r.pvcs} PVCs${small ? ', QUICK size (full: 20,000/2,000)' : ', after a warm-up run'}`
  line(
    'kube pods created → Running per engine-second',
    `${r.podsPerSecond.toFixed(0)}/s (goal ≥ 15,000/s; ${size}, ${r.engineMs.toFixed(0)} ms)`,
  )
  line(
    'kube engine cost per pod ÷ build+structuredClone',
    `${r.ratio.toFixed(1)}× (goal ≤ 5×; baseline ${(r.baselineMsPerPod * 1000).toFixed(1)} µs/pod)`,
  )
}

if (process.argv.includes('--kube')) benchKube()
else {
  console.log(`HCI Lab benchmarks — node ${process.version}, ${new Date().toISOString()}`)
  benchVolumes()
  benchConsole()
  benchCommits()
  benchReopen()
  // The Kubernetes figures come from a process of their own: the runs above leave a heap and
  // compiled code behind that would weigh on them (as JMH forks a JVM per benchmark).
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--kube'], {
    stdio: 'inherit',
  })
  if (child.status !== 0) process.exitCode = child.status ?? 1
}
