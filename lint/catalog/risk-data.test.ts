/**
 * Hand-kept lists go stale and carry typos (a peer lists `gamelist:` for `gamelift:`): every action
 * in our data files must exist in the catalog, and the generated legacy list must be current.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessLevelExceptions } from './access-levels';
import { createCatalog } from './aws-catalog';
import escalation from './data/privilege-escalation.json';
import { collectLegacyActions } from './legacy-actions';
import legacy from './data/legacy-actions.json';
import { riskActions } from './risk-classes';

const catalog = createCatalog();
const DATA_DIR = join(__dirname, 'data');

/** Every `service:Action` string in a data file, wherever it sits. */
function actionsIn(file: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (key === '$comment' || key === 'why' || key === 'how' || key === 'id' || key === 'source') return;
    if (typeof value === 'string' && /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(value)) found.push(value);
    else if (Array.isArray(value)) value.forEach((v) => visit(v, ''));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')), '');
  return found;
}

describe('risk data', () => {
  const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json') && f !== 'legacy-actions.json');

  it.each(files)('every action in %s exists in the catalog', (file) => {
    const actions = actionsIn(file);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => catalog.action(a) === null)).toEqual([]);
  });

  it('keeps the known escalation methods (about 60) across the services that have them', () => {
    expect(escalation.paths.length).toBeGreaterThanOrEqual(60);
    const services = new Set(escalation.paths.flatMap((p) => p.actions.map((a) => a.split(':')[0])));
    for (const s of ['iam', 'sts', 'ec2', 'lambda', 'glue', 'cloudformation', 'codebuild', 'sagemaker', 'datapipeline', 'ssm']) expect(services).toContain(s);
    expect(new Set(escalation.paths.map((p) => p.id)).size).toBe(escalation.paths.length);
  });

  it('names the service each PassRole path passes its role to, as a service principal; only the any-service path has none', () => {
    const passing = escalation.paths.filter((p) => p.actions.includes('iam:PassRole'));
    expect(passing.length).toBeGreaterThan(30);
    for (const path of passing) {
      const services = 'passedTo' in path ? path.passedTo : undefined;
      if (path.id === 'PassRoleToPassRoleAnyService') expect(services).toBeUndefined();
      else for (const service of services ?? ['(none)']) expect(`${path.id}: ${service}`).toMatch(/: [a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/);
    }
    // No path without PassRole names a service: passedTo only ever widens PassRole.
    expect(escalation.paths.filter((p) => !p.actions.includes('iam:PassRole') && 'passedTo' in p)).toEqual([]);
  });

  it('lists each risk class with actions the catalog spells the same way', () => {
    for (const riskClass of ['data-exfiltration', 'resource-exposure', 'credentials-exposure'] as const) {
      for (const action of riskActions(riskClass)) expect(catalog.action(action)?.name.toLowerCase()).toBe(action.toLowerCase());
    }
  });

  it('documents why each access-level exception exists', () => {
    for (const e of accessLevelExceptions()) expect(e.why.length).toBeGreaterThan(10);
  });
});

describe('legacy actions', () => {
  it('cover every action AWS managed policies name that the catalog lacks (regenerate: npx tsx lint/catalog/build-legacy-actions.ts)', () => {
    const current = new Set(legacy.actions);
    expect(collectLegacyActions(catalog).filter((a) => !current.has(a))).toEqual([]);
  }, 120_000);
});
