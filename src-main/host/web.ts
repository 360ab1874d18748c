import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { LabFileError } from '../persistence'
import { defaultDataDir } from './data-dir'
import { prepareLabFile, startupErrorMessage } from './web-lab'
import { rendererDirBeside, startWebHost } from './web-server'

// `npm run web [-- --port N --lab FILE --data-dir DIR]`: the app in a browser. Prints exactly one
// line on stdout when ready; everything else goes to stderr.

const USAGE = 'Usage: npm run web -- [--port N] [--lab FILE.hcilab] [--data-dir DIR]'

function options(argv: string[]): { port: number; lab?: string; dataDir: string } {
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
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const port = Number(values.port ?? 0)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${values.port}'.`)
  return {
    port,
    lab: values.lab === undefined ? undefined : resolve(values.lab),
    dataDir: values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir(),
  }
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof options>
  try {
    opts = options(process.argv.slice(2))
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`)
    process.exit(2)
  }
  if (opts.lab) {
    const created = prepareLabFile(opts.lab)
    if (created) console.error(created)
  }
  const host = await startWebHost({
    port: opts.port,
    labFile: opts.lab,
    dataDir: opts.dataDir,
    rendererDir: rendererDirBeside(__dirname),
  })
  console.log(`HCI Lab web host listening on ${host.url}`)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    host.close().then(
      () => process.exit(0),
      (e) => {
        console.error(`Shutdown failed: ${String(e)}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  const inUse = (e as { code?: unknown })?.code === 'EADDRINUSE'
  const message = startupErrorMessage(e)
  console.error(inUse ? `${message}. Choose another --port, or --port 0 for any free port.` : message)
  process.exit(e instanceof LabFileError ? 2 : 1)
})
