import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'

// electron-builder.yml against app-builder-lib's own JSON schema, offline, with the options
// electron-builder itself validates with (app-builder-lib/out/util/config/schemaValidator.js).

const root = resolve(import.meta.dirname, '../..')
const schema = JSON.parse(readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'))
const config = YAML.parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8'))

function validator() {
  const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false })
  return ajv.compile(schema)
}

describe('electron-builder.yml', () => {
  it('matches the schema of the installed electron-builder', () => {
    const validate = validator()
    const valid = validate(structuredClone(config))
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('is really checked: a misspelt key is refused', () => {
    const validate = validator()
    expect(validate({ ...structuredClone(config), productNmae: 'x' })).toBe(false)
  })

  it('names the app and packs only the build output', () => {
    expect(config.appId).toBe('com.hcilab.app')
    expect(config.productName).toBe('HCI Lab')
    expect(config.directories.output).toBe('dist')
    expect(config.files).toEqual(['out/**', 'package.json', 'resources/icon.png'])
  })

  it('keeps the native SQLite module outside the asar archive', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**')
  })

  it('flips the fuses the Electron security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // onlyLoadAppFromAsar and asar integrity need the app packed into app.asar.
    expect(config.asar).not.toBe(false)
  })

  it('builds an installer for each desktop platform', () => {
    expect(config.win.target).toEqual(['nsis'])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.linux.maintainer).toMatch(/\S+ <\S+@\S+>/)
    expect(config.linux.category).toBe('Education')
  })

  it('uses a 512×512 icon from build/', () => {
    const png = readFileSync(resolve(root, config.icon))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })
})
