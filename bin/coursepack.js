#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (compiled to lib/ by `npm run build`, run on `npm ci`).
import { main } from '../lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
