import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'

// `npm run web -- --lab FILE` as a newcomer types it (node out/main/web.js after npm run build): a
// path with nothing there gets the seed's lab, and an error names the whole path.

const root = resolve(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'hci-web-lab-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  stdout: string
  stderr: string
  code: number | null
}

/** Starts the web host; stops it once it printed its address (or ends when it exits). */
function webHost(...args: string[]): Promise<Run> {
  const host = spawn(
    process.execPath,
    [join(root, 'out/main/web.js'), '--port', '0', '--data-dir', dir, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  host.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  createInterface({ input: host.stdout! }).on('line', (line) => {
    stdout += `${line}\n`
    host.kill('SIGTERM')
  })
  return new Promise((done) => host.once('close', (code) => done({ stdout, stderr, code })))
}

describe('npm run web -- --lab FILE', () => {
  it('makes the seed lab at a path where nothing is, says so, and serves it', async () => {
    const file = join(dir, 'new.hcilab')
    const run = await webHost('--lab', file)
    expect(run.stderr).toContain(`Created lab "new" in ${file}`)
    expect(run.stdout).toMatch(/^HCI Lab web host listening on http:\/\/127\.0\.0\.1:\d+\/\?token=/)
    expect(existsSync(file)).toBe(true)
    // The second time it opens the lab it made, without making it again.
    const again = await webHost('--lab', file)
    expect(again.stderr).not.toContain('Created lab')
    expect(again.stdout).toMatch(/listening on/)
  })

  it('names the whole path when the lab cannot be made there, and exits with 2', async () => {
    const file = join(dir, 'no-such-folder', 'new.hcilab')
    const run = await webHost('--lab', file)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`"${file}"`)
  })
})
