/**
 * The committed plans are what `terraform show -json` writes today: this plans the 004 fixture
 * afresh against moto_server and checks the reader sees the same thing in the fresh plan as in
 * the committed one (and so that the committed plans are not stale).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureConfigs, planJson } from '../../scripts/make-plan-fixtures';
import { startMoto, type Moto } from '../../test/support/moto';
import { requireTool } from '../../test/support/tools';
import { summariseUsers } from '../../test/fixtures/tutorials/summary';
import { readText } from './index';

const haveTools = requireTool('terraform') && requireTool('moto_server');

describe.skipIf(!haveTools)('plans made fresh from the fixtures', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  for (const config of fixtureConfigs(['004-invoice-scanner'])) {
    it(`reads a fresh plan of ${config.id}/${config.flavour} as it reads the committed one`, { timeout: 240_000 }, async () => {
      const fresh = readText('plan.json', await planJson(config.dir, moto.env));
      const committed = readText('plan.json', readFileSync(config.planFile, 'utf8'));
      expect(fresh.errors).toEqual([]);
      expect(fresh.filesRead).toBe(1);
      expect(summariseUsers(fresh.inventory)).toEqual(summariseUsers(committed.inventory));
      expect(summariseUsers(fresh.inventory)[0]?.attached).toHaveLength(2);
      expect(fresh.inventory.policies.map((p) => p.document?.statements.map((s) => s.resources))).toEqual(
        committed.inventory.policies.map((p) => p.document?.statements.map((s) => s.resources)),
      );
    });
  }
});
