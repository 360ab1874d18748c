import { NativeError } from '../errors'

// kubectl's command line as cobra/pflag read it: flags anywhere among the words, `--flag=value` or
// `--flag value`, short flags `-n x`, `-nx`, `-A`; `--` ends the flags.

export interface Parsed {
  words: string[]
  flags: Map<string, string>
  /** How many of `words` came before `--` (all of them when there was none): exec's command follows. */
  beforeDash: number
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
  filename: 'f',
  replicas: '',
  type: '',
  patch: 'p',
  container: 'c',
  tail: '',
  timeout: '',
  'api-group': '',
  'grace-period': '',
  image: '',
  port: '',
  'target-port': '',
  name: '',
  protocol: '',
  restart: '',
  labels: '',
  'from-literal': '',
}

/** Value flags that may be given again, each time adding a value (kept joined by NUL). */
const REPEATED_FLAGS = new Set(['from-literal'])
export const REPEATED_SEPARATOR = '\u0000'
const BOOL_FLAGS: Record<string, string> = {
  'all-namespaces': 'A',
  'show-labels': '',
  'no-headers': '',
  help: 'h',
  'show-kind': '',
  client: '',
  watch: 'w',
  stdin: 'i',
  tty: 't',
  follow: '',
  previous: '',
  all: '',
  minify: '',
  raw: '',
  namespaced: '',
  'show-events': '',
  force: '',
  now: '',
  wait: '',
  command: '',
  overwrite: '',
  'ignore-daemonsets': '',
  'delete-emptydir-data': '',
}

/** Letters whose meaning depends on the command: `logs -f` follows, `logs -p` reads the previous run. */
const VERB_SHORTS: Record<string, Record<string, string>> = { logs: { f: 'follow', p: 'previous' } }

function shortToLong(letter: string, verb: string): string | undefined {
  return (
    VERB_SHORTS[verb]?.[letter] ??
    Object.keys(VALUE_FLAGS).find((k) => VALUE_FLAGS[k] === letter) ??
    Object.keys(BOOL_FLAGS).find((k) => BOOL_FLAGS[k] === letter)
  )
}

export function usageError(message: string, command: string): NativeError {
  return new NativeError([`error: ${message}`, `See '${command} -h' for help and examples`])
}

export function parseArgs(args: string[], command: string): Parsed {
  const verb = command.split(' ')[1] ?? ''
  const words: string[] = []
  let beforeDash: number | null = null
  const flags = new Map<string, string>()
  const fail = (message: string) =>
    new NativeError([`Error: ${message}`, `See '${command} --help' for usage.`])
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      beforeDash = words.length
      words.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const [name, value] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined]
      if (name in VALUE_FLAGS) {
        const v = value ?? args[++i]
        if (v === undefined) throw fail(`flag needs an argument: --${name}`)
        const before = flags.get(name)
        flags.set(
          name,
          REPEATED_FLAGS.has(name) && before !== undefined ? before + REPEATED_SEPARATOR + v : v,
        )
      } else if (name in BOOL_FLAGS) flags.set(name, value ?? 'true')
      else throw fail(`unknown flag: --${name}`)
    } else if (arg.startsWith('-') && arg.length > 1) {
      // pflag reads a run of short flags (-Ao): booleans, then at most one that takes the rest.
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        const long = shortToLong(letter, verb)
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
  return { words, flags, beforeDash: beforeDash ?? words.length }
}
