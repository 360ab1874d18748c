import { resolve } from 'node:path'
import { LabFileError } from '../persistence'
import { CliLab } from './cli-lab'
import { runLines, shell, type Io } from './cli-console'
import { createLab, parseNewArgs } from './cli-new'
import { USAGE, UsageError } from './cli-usage'

// hci-lab: console commands against a lab file, for scripts, tests and bug reports.
// Exit codes: 0 success, 1 a console command failed, 2 usage error or a file that cannot be used.

export async function main(argv: string[], io: Io): Promise<number> {
  const [subcommand, ...args] = argv
  try {
    switch (subcommand) {
      case 'new': {
        const { file, input } = parseNewArgs(args)
        io.stdout.write(createLab(file, input) + '\n')
        return 0
      }
      case 'run': {
        if (args.length < 2) throw new UsageError('hci-lab run needs a FILE and at least one "COMMAND".')
        const [file, ...lines] = args
        return await withLab(file!, io, (cli) => runLines(cli, lines, io))
      }
      case 'shell': {
        if (args.length !== 1) throw new UsageError('hci-lab shell takes one FILE.')
        return await withLab(args[0]!, io, (cli) => shell(cli, io))
      }
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE)
        return 0
      default:
        throw new UsageError(
          subcommand === undefined ? 'Give a command.' : `Unknown command '${subcommand}'.`,
        )
    }
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.stderr.write(`hci-lab: ${(e as Error).message}\n\n${USAGE}`)
      return 2
    }
    if (e instanceof LabFileError) {
      io.stderr.write(`hci-lab: ${e.message}\n`)
      return 2
    }
    throw e
  }
}

/** Opens the lab (a LabFileError becomes exit code 2 in main) and always closes it. */
async function withLab(
  file: string,
  io: Io,
  use: (cli: CliLab) => number | Promise<number>,
): Promise<number> {
  const cli = CliLab.open(resolve(file))
  // A damaged file opened at its last good point, or a read-only one: said before anything runs.
  for (const notice of cli.openingNotices()) io.stderr.write(`hci-lab: ${notice}\n`)
  try {
    return await use(cli)
  } finally {
    cli.close()
  }
}

/** node:util parseArgs reports unknown options and missing values with these codes. */
function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}
