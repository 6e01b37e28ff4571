/**
 * The floor for any linter that consults the action catalog: the floor's work (start Node, read
 * and JSON.parse each file), plus finding every policy statement in what was parsed (documents,
 * and policies held as JSON strings, as plans hold them) and expanding each distinct Action and
 * NotAction pattern once through the linter's own catalog. No rule, message, location or report.
 * `npm run bench` bundles this into lint/dist/catalog-floor.cjs and runs it with plain Node, as it
 * runs the floor and the CLI: the gap between the floor and this is what knowing the actions costs,
 * the gap between this and the lint is what the rules cost.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog } from '../lint/catalog/aws-catalog';

const catalog = createCatalog();
const expanded = new Set<string>();
let files = 0;

function expandAll(patterns: unknown): void {
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    if (typeof pattern !== 'string' || expanded.has(pattern)) continue;
    expanded.add(pattern);
    catalog.ids.expand(pattern);
  }
}

/** Every statement under `value`, including those of policies held as JSON text. */
function visitValue(value: unknown): void {
  if (typeof value === 'string') {
    if (value.startsWith('{') && value.includes('"Statement"')) {
      try {
        visitValue(JSON.parse(value));
      } catch {
        // text that only looks like a policy
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) visitValue(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if ('Statement' in record) {
    for (const statement of Array.isArray(record.Statement) ? record.Statement : [record.Statement]) {
      if (statement !== null && typeof statement === 'object') {
        expandAll((statement as Record<string, unknown>).Action);
        expandAll((statement as Record<string, unknown>).NotAction);
      }
    }
    return;
  }
  for (const key in record) visitValue(record[key]);
}

function visitPath(path: string): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) visitPath(join(path, entry));
    return;
  }
  visitValue(JSON.parse(readFileSync(path, 'utf8')));
  files++;
}

for (const path of process.argv.slice(2)) visitPath(path);
if (files === 0 || expanded.size === 0) process.exitCode = 1;
