#!/usr/bin/env node
// The `tideline` command: runs the engine's TypeScript sources directly, so it works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/host/cli.ts');
process.exitCode = await main(process.argv.slice(2));
