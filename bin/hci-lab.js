#!/usr/bin/env node
// The hci-lab command: the CLI host, built by `npm run build` into out/main/cli.js.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher */
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  // better-sqlite3 is built for the project's Node; an older Node can crash loading it.
  console.error(`hci-lab needs Node.js 22.12 or newer; this is ${process.version}.`)
  process.exit(2)
}
try {
  require.resolve('../out/main/cli.js')
} catch {
  console.error('hci-lab is not built yet. Run: npm run build')
  process.exit(2)
}
require('../out/main/cli.js')
