#!/usr/bin/env node
// The hci-lab command: the CLI host, built by `npm run build` into out/main/cli.js.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher */
try {
  require.resolve('../out/main/cli.js')
} catch {
  console.error('hci-lab is not built yet. Run: npm run build')
  process.exit(2)
}
require('../out/main/cli.js')
