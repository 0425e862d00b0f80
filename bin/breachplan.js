#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`); falls back to the TypeScript source through tsx when
// there is no build, or when BREACHPLAN_CLI_FROM_SOURCE=1 (the tests: dist/ may be older than the source).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
const fromSource = process.env.BREACHPLAN_CLI_FROM_SOURCE === '1' || !existsSync(compiled);
if (fromSource) require('tsx/cjs');
const { runCli } = require(fromSource ? join(__dirname, '..', 'src', 'cli', 'main.ts') : compiled);
runCli(process.argv).then((code) => process.exit(code));
