'use strict';
// The floor for any Node tool: start Node, walk the paths, read each file once and JSON.parse it.
// Plain CommonJS on purpose: no TypeScript loader in the measurement.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

let files = 0;
function visit(path) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    return;
  }
  JSON.parse(readFileSync(path, 'utf8'));
  files++;
}
for (const path of process.argv.slice(2)) visit(path);
if (files === 0) process.exitCode = 1;
