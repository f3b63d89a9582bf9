#!/usr/bin/env node
// @ts-check
import { main } from '../src/main.js';

// exitCode rather than process.exit(): lets piped stdout (e.g. a long query result) drain first.
process.exitCode = await main(process.argv.slice(2));
