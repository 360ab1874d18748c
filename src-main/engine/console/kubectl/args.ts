import { NativeError } from '../errors'

// kubectl's command line as cobra/pflag read it: flags anywhere among the words, `--flag=value` or
// `--flag value`, short flags `-n x`, `-nx`, `-A`; `--` ends the flags.

export interface Parsed {
  words: string[]
  flags: Map<string, string>
}

/** Flag names (long form) that take a value, with their short letters. */
const VALUE_FLAGS: Record<string, string> = {
  namespace: 'n',
  output: 'o',
  selector: 'l',
  context: '',
  kubeconfig: '',
  'field-selector': '',
  'sort-by': '',
}
const BOOL_FLAGS: Record<string, string> = {
  'all-namespaces': 'A',
  'show-labels': '',
  'no-headers': '',
  help: 'h',
  'show-kind': '',
  client: '',
  watch: 'w',
}

function shortToLong(letter: string): string | undefined {
  return (
    Object.keys(VALUE_FLAGS).find((k) => VALUE_FLAGS[k] === letter) ??
    Object.keys(BOOL_FLAGS).find((k) => BOOL_FLAGS[k] === letter)
  )
}

export function usageError(message: string, command: string): NativeError {
  return new NativeError([`error: ${message}`, `See '${command} -h' for help and examples`])
}

export function parseArgs(args: string[], command: string): Parsed {
  const words: string[] = []
  const flags = new Map<string, string>()
  const fail = (message: string) =>
    new NativeError([`Error: ${message}`, `See '${command} --help' for usage.`])
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      words.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const [name, value] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined]
      if (name in VALUE_FLAGS) {
        const v = value ?? args[++i]
        if (v === undefined) throw fail(`flag needs an argument: --${name}`)
        flags.set(name, v)
      } else if (name in BOOL_FLAGS) flags.set(name, value ?? 'true')
      else throw fail(`unknown flag: --${name}`)
    } else if (arg.startsWith('-') && arg.length > 1) {
      // pflag reads a run of short flags (-Ao): booleans, then at most one that takes the rest.
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        const long = shortToLong(letter)
        if (!long) throw fail(`unknown shorthand flag: '${letter}' in -${arg.slice(j)}`)
        if (long in BOOL_FLAGS) {
          flags.set(long, 'true')
          continue
        }
        const rest = arg.slice(j + 1).replace(/^=/, '')
        const v = rest !== '' ? rest : args[++i]
        if (v === undefined) throw fail(`flag needs an argument: '${letter}' in -${letter}`)
        flags.set(long, v)
        break
      }
    } else words.push(arg)
  }
  return { words, flags }
}
