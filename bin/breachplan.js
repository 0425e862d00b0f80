#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (compiled dist/ is used when present).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(compiled)) require('tsx/cjs');
const { runCli } = require(existsSync(compiled) ? compiled : join(__dirname, '..', 'src', 'cli', 'main.ts'));
runCli(process.argv).then((code) => process.exit(code));
