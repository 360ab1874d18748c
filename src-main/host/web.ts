import { LabFileError } from '../persistence'
import { prepareLabFile, startupErrorMessage } from './web-lab'
import { parseWebArgs, WEB_USAGE, type WebOptions } from './web-options'
import { rendererDirBeside, startWebHost } from './web-server'

// `npm run web [-- --port N --lab FILE --data-dir DIR]`: the app in a browser. Prints exactly one
// line on stdout when ready; everything else goes to stderr.

async function main(): Promise<void> {
  let opts: WebOptions | 'help'
  try {
    opts = parseWebArgs(process.argv.slice(2))
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${WEB_USAGE}`)
    process.exit(2)
  }
  if (opts === 'help') {
    console.log(WEB_USAGE)
    process.exit(0)
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
