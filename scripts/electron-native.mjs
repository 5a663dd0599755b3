#!/usr/bin/env node
// better-sqlite3 is a native module built for one ABI. `npm install` builds it for Node (tests,
// CLI, browser mode). Before Electron starts, this adds a second copy built for Electron's ABI
// under build/electron-v<abi>/, which the app loads there; the Node build stays untouched, so
// `npm test` and `npm start` both work after one install, in either order.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const nodeBuild = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
const target = join(sqliteDir, 'build', `electron-v${abi}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

if (!existsSync(join(electronDir, 'path.txt'))) {
  console.error(
    'The Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set during npm install?).\n' +
      'Install it with: node node_modules/electron/install.js — or use browser mode: npx tideline serve',
  );
  process.exit(1);
}

console.log(`Preparing the database module for Electron ${electronVersion} (ABI ${abi}); this happens once.`);
const backup = join(tmpdir(), `better_sqlite3-node-${process.pid}.node`);
const hadNodeBuild = existsSync(nodeBuild);
if (hadNodeBuild) copyFileSync(nodeBuild, backup);

function nodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

const run = (command, args) =>
  spawnSync(command, args, { cwd: sqliteDir, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
try {
  const prebuilt = run(process.execPath, [
    require.resolve('prebuild-install/bin.js'),
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
  ]);
  const gyp = prebuilt ? null : nodeGyp();
  const built =
    prebuilt ||
    (gyp !== null &&
      run(process.execPath, [
        gyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ]));
  if (!built || !existsSync(nodeBuild)) {
    console.error('Could not fetch or build better-sqlite3 for Electron. Browser mode still works: npx tideline serve');
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  renameSync(nodeBuild, target);
} finally {
  if (hadNodeBuild) {
    mkdirSync(dirname(nodeBuild), { recursive: true });
    copyFileSync(backup, nodeBuild);
  }
}
console.log(`Ready: ${target}`);
