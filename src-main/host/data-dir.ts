import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** Where the web host keeps its labs when not told: $HCI_LAB_DATA_DIR, else ~/.hci-lab. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HCI_LAB_DATA_DIR ? resolve(env.HCI_LAB_DATA_DIR) : join(homedir(), '.hci-lab')
}
