import type Database from 'better-sqlite3'
import { version } from '../../package.json'

// The layout of a .hcilab file. The engine is deterministic, so a lab is its snapshots plus the log
// of commands applied after them; replaying the log rebuilds the exact state.

/** `PRAGMA application_id`: 'HCIL' in ASCII. Tells our files from any other SQLite database. */
export const APPLICATION_ID = 0x4843494c
export const FILE_FORMAT = 'hcilab'
export const APP_VERSION: string = version

type Migration = (db: Database.Database) => void

/**
 * MIGRATIONS[v] turns a version-v file into version v + 1. New files run them all from 0, so a
 * created file and a migrated one are built by the same statements. Never edit a step once released:
 * files in the wild were written by it. Tables are not STRICT: virtual times may be fractional.
 *
 * Add a step (an empty one if need be) whenever a file could hold something older builds cannot
 * replay (a new command type, a new state shape): they then refuse it as a newer version instead of
 * reporting damage.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: meta, the command log and snapshots.
  (db) => {
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE commands (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL);
      CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, state TEXT NOT NULL);
    `)
  },
  // 1 → 2: the virtual clock, which moves without commands, saved in a one-row table. A version-1
  // file has no saved clock: it reopens at the time of its last command.
  (db) => {
    db.exec('CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), now INTEGER NOT NULL)')
  },
  // 2 → 3: the AKS host's state (aks, vms, clusterGroups) joins every stored snapshot, as a new lab
  // has it. The commands logged after them replay unchanged: none of them touches AKS.
  (db) => {
    const rows = db.prepare('SELECT seq, state FROM snapshots').all() as { seq: number; state: string }[]
    const update = db.prepare('UPDATE snapshots SET state = ? WHERE seq = ?')
    for (const row of rows) {
      const state = parseOrNull(row.state)
      // A snapshot that does not parse is left as it is: opening refuses it as damaged, as before.
      if (state) update.run(JSON.stringify(addAksShape(state)), row.seq)
    }
  },
  // 3 → 4: workload clusters (aksClusters, kube, kubeconfig) join every stored snapshot, empty as a
  // new lab has them. The logged commands replay unchanged: none of them is a cluster command.
  (db) => {
    const rows = db.prepare('SELECT seq, state FROM snapshots').all() as { seq: number; state: string }[]
    const update = db.prepare('UPDATE snapshots SET state = ? WHERE seq = ?')
    for (const row of rows) {
      const state = parseOrNull(row.state)
      if (state) update.run(JSON.stringify(addClusterShape(state)), row.seq)
    }
  },
  // 4 → 5: a checksum on every new row (rows written before stay without one: replay checks them),
  // and snapshots keyed by their own id, so that a snapshot taken when only the clock moved can sit
  // beside the one of the same command, and the first snapshot is always kept.
  (db) => {
    db.exec(`
      CREATE TABLE snapshots_v5 (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, state TEXT NOT NULL, sum TEXT);
      INSERT INTO snapshots_v5 (seq, state) SELECT seq, state FROM snapshots ORDER BY seq;
      DROP TABLE snapshots;
      ALTER TABLE snapshots_v5 RENAME TO snapshots;
      ALTER TABLE commands ADD COLUMN sum TEXT;
      ALTER TABLE clock ADD COLUMN sum TEXT;
    `)
  },
]

function parseOrNull(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * A version-2 lab state with what version 3 added, exactly as a new lab starts: no AKS host, no
 * VMs, the cluster's "Cluster Group" and "Available Storage" owned by the first server. Frozen with
 * step 2 → 3 (literal values, not the engine's functions, which may change). States that have the
 * entries already are returned unchanged. Also used to read a version-2 file before it is migrated.
 */
export function addAksShape<T extends Record<string, unknown>>(state: T): T {
  const servers = Object.values((state.servers ?? {}) as Record<string, { id: string; nodeId: number }>)
  const owner = servers.sort((a, b) => a.nodeId - b.nodeId)[0]?.id ?? ''
  return {
    aks: {
      phase: 'NotConfigured',
      config: null,
      registration: null,
      install: null,
      cloudAgentRole: null,
      managementVmId: null,
      nodeAgentServerIds: [],
    },
    vms: {},
    clusterGroups: {
      'cluster-group': {
        id: 'cluster-group',
        name: 'Cluster Group',
        ownerServerId: owner,
        state: 'Online',
        groupType: 'Cluster',
      },
      'available-storage': {
        id: 'available-storage',
        name: 'Available Storage',
        ownerServerId: owner,
        state: 'Offline',
        groupType: 'AvailableStorage',
      },
    },
    ...state,
  }
}

/**
 * A version-3 lab state with what version 4 added: no workload clusters, no Kubernetes objects, an
 * empty kubectl configuration. Frozen with step 3 → 4; states that have the entries are unchanged.
 * Also used to read a version-3 (or older) file before it is migrated.
 */
export function addClusterShape<T extends Record<string, unknown>>(state: T): T {
  return { aksClusters: {}, kube: {}, kubeconfig: { contexts: [], current: null }, ...state }
}

export const SCHEMA_VERSION = MIGRATIONS.length

/** Runs the steps from `from` to `to`, each in its own transaction with its new user_version. */
export function migrate(db: Database.Database, from: number, to = SCHEMA_VERSION): void {
  for (let v = from; v < to; v++) {
    const step = MIGRATIONS[v]!
    db.transaction(() => {
      step(db)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}

/**
 * Pages the write-ahead log may hold before SQLite copies them into the main file (SQLite's default
 * is 1000). Until then, acknowledged commands live in the log only, where a damaged frame takes
 * every later one with it (found and said on open, but lost): a tenth of the default keeps that
 * window small. Measured against the default (2,000 appends each, several runs): no difference in
 * p50 or p99 beyond the machine's noise, and the log stays under 1 MB (`npm run bench` prints it).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 100

/** The connection settings of a writer: durable commits, and one writer per file. */
export function configureWriter(db: Database.Database): void {
  // Exclusive locking: a second window or program cannot open the lab while it is open here, and
  // WAL needs no shared-memory file. The lock is taken by the first read, done right away.
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
  db.pragma('user_version')
}
