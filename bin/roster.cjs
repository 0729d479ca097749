#!/usr/bin/env node
'use strict';
// The `roster` command: runs the built command line (out/main/cli.js),
// building it first when the sources changed since the last build.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.join(__dirname, '..');

import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href).then(({ buildIfStale }) => {
  if (!buildIfStale()) {
    process.stderr.write('roster: the build failed; run "npm run build" in the project folder to see why.\n');
    process.exit(1);
  }
  require(path.join(root, 'out', 'main', 'cli.js'));
});
