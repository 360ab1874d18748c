import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseWebArgs } from './web-options'

describe('parseWebArgs', () => {
  it('reads a relative --lab and --data-dir from where npm run web was typed', () => {
    const env = { INIT_CWD: '/home/trainer/labs', HCI_LAB_DATA_DIR: '/data' }
    expect(parseWebArgs(['--lab', 'new.hcilab', '--data-dir', 'store'], env)).toEqual({
      port: 0,
      lab: join('/home/trainer/labs', 'new.hcilab'),
      dataDir: join('/home/trainer/labs', 'store'),
    })
    expect(parseWebArgs(['--lab', '/abs/a.hcilab'], env)).toEqual({
      port: 0,
      lab: '/abs/a.hcilab',
      dataDir: '/data',
    })
  })

  it('refuses a bad port and an unknown option, and answers --help', () => {
    expect(() => parseWebArgs(['--port', '70000'], {})).toThrow("Invalid port '70000'.")
    expect(() => parseWebArgs(['--port', 'x'], {})).toThrow("Invalid port 'x'.")
    expect(() => parseWebArgs(['--labs', 'x'], {})).toThrow(/Unknown option '--labs'/)
    expect(parseWebArgs(['--help'], {})).toBe('help')
  })
})
