#!/usr/bin/env node
// Runs the compiled CLI: no TypeScript compile per call, so `tendlc` starts fast.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
