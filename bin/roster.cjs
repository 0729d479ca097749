#!/usr/bin/env node
'use strict';
// The `roster` command. It runs the built command line (out/main/cli.js), which
// `npm start` and `npm run build` produce; a fresh clone builds it on first use.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'out', 'main', 'cli.js');

if (!fs.existsSync(cli)) {
  process.stderr.write('roster: building Roster first (npm run build)...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (built.status !== 0 || !fs.existsSync(cli)) {
    process.stderr.write('roster: the build failed; run "npm run build" in the project folder to see why.\n');
    process.exit(1);
  }
}

require(cli);
