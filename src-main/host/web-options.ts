import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from './data-dir'

// `npm run web [-- --port N --lab FILE --data-dir DIR]`, read once.

export const WEB_USAGE = 'Usage: npm run web -- [--port N] [--lab FILE.hcilab] [--data-dir DIR]'

export interface WebOptions {
  port: number
  lab?: string
  dataDir: string
}

/**
 * The options, or 'help'. Throws on a bad one. `npm run` starts the host in the project's folder,
 * so relative paths are read from where the user typed the command (npm's INIT_CWD).
 */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      lab: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const port = Number(values.port ?? 0)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${values.port}'.`)
  const base = env.INIT_CWD || process.cwd()
  return {
    port,
    lab: values.lab === undefined ? undefined : resolve(base, values.lab),
    dataDir: values['data-dir'] ? resolve(base, values['data-dir']) : defaultDataDir(env),
  }
}
