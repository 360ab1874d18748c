import { main } from './cli-main'

// Entry point of out/main/cli.js (bin/hci-lab.js requires it). Exit codes are set, not forced, so
// that everything written reaches the pipe before Node exits.

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(`hci-lab: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    process.exitCode = 1
  },
)
