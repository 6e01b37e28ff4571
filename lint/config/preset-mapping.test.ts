import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetNames } from '../../policies/index';
import { loadConfig } from './load-config';
import { validateConfig } from './validate-config';

const presets = (value: unknown, known?: readonly string[]) =>
  validateConfig({ presets: value }, 'c.json', known === undefined ? {} : { presetNames: () => known }).presets;

describe('the config\'s presets mapping', () => {
  it('keeps users mapped to presets that exist, one or several (spaces or commas between)', () => {
    expect(presets({ deployer: 'eks-eksctl', builder: ' eks-eksctl sst-deployer ', both: 'invoice-scanner,sst-deployer' })).toEqual({
      deployer: 'eks-eksctl',
      builder: 'eks-eksctl sst-deployer',
      both: 'invoice-scanner,sst-deployer',
    });
  });

  it('names the file, the user and the preset that does not exist, the one probably meant and the presets there are', () => {
    const list = `${presetNames().join(', ')} (policies/*.json)`;
    expect(() => presets({ deployer: 'eks-ekstcl' })).toThrow(`c.json: presets["deployer"]: unknown preset "eks-ekstcl"; did you mean "eks-eksctl"? The presets are ${list}`);
    expect(() => presets({ deployer: 'eks-eksctl sst-deploy' })).toThrow('c.json: presets["deployer"]: unknown preset "sst-deploy"; did you mean "sst-deployer"?');
    expect(() => presets({ ops: 'AdministratorAccess' })).toThrow(`c.json: presets["ops"]: unknown preset "AdministratorAccess"; the presets are ${list}`);
  });

  it('asks for the names in one string when they come as a list, another type or nothing', () => {
    const wants = 'must be a string naming a preset from policies/ (several separated by spaces)';
    expect(() => presets({ deployer: ['eks-eksctl', 'sst-deployer'] })).toThrow(`c.json: presets["deployer"] ${wants}, found a list; write "eks-eksctl sst-deployer"`);
    expect(() => presets({ deployer: 3 })).toThrow(`c.json: presets["deployer"] ${wants}, found 3; e.g. "eks-eksctl", or "eks-eksctl sst-deployer" for several`);
    expect(() => presets({ deployer: null })).toThrow(`presets["deployer"] ${wants}, found null`);
    expect(() => presets({ deployer: [1] })).toThrow('found a list; e.g. "eks-eksctl"');
    expect(() => presets({ deployer: ' , ' })).toThrow(`c.json: presets["deployer"] must name one or more presets from policies/, separated by spaces; the presets are ${presetNames().join(', ')}`);
  });

  it('wants an object of user names, and user names that can match a user', () => {
    expect(() => presets(['deployer'])).toThrow('c.json: "presets" must be an object of user name -> preset name(s), e.g. {"deployer": "eks-eksctl", "builder": "eks-eksctl sst-deployer"}; found a list');
    expect(() => presets('eks-eksctl')).toThrow('found "eks-eksctl"');
    expect(() => presets({ '': 'eks-eksctl' })).toThrow('c.json: presets[""]: the user name is empty');
    expect(() => presets({ 'deployer ': 'eks-eksctl' })).toThrow('c.json: presets["deployer "]: the user name has spaces at its ends, so it matches no user; write "deployer"');
  });

  it('shows an invisible character in a name, which would otherwise print the same as the name meant', () => {
    expect(() => presets({ deployer: 'eks-eksctl\u200b' })).toThrow('c.json: presets["deployer"]: unknown preset "eks-eksctl\\u200b"; did you mean "eks-eksctl"?');
    expect(() => presets({ 'deploy\u200der': 'eks-eksctl' })).toThrow('c.json: presets["deploy\\u200der"]: the user name holds an invisible character (U+200D), so it matches no user; type the name again');
    expect(() => presets({ '\u00a0deployer': 'eks-eksctl' })).toThrow('c.json: presets["\\u00a0deployer"]: the user name has spaces at its ends, so it matches no user; write "deployer"');
    // Letters of any script are a name like another (IAM user names are ASCII; a principal key need not be).
    expect(presets({ 'équipe': 'eks-eksctl' })).toEqual({ 'équipe': 'eks-eksctl' });
  });

  it('says so when policies/ holds no presets at all', () => {
    expect(() => presets({ deployer: 'eks-eksctl' }, [])).toThrow('c.json: presets["deployer"]: unknown preset "eks-eksctl": policies/ holds no presets');
    expect(presets({ deployer: 'mine' }, ['mine'])).toEqual({ deployer: 'mine' });
  });

  it('names a mistyped "presets" key as the one meant', () => {
    expect(() => validateConfig({ preset: { deployer: 'eks-eksctl' } }, 'c.json')).toThrow('c.json: unknown key "preset"; did you mean "presets"? The config takes "rules", "suppressions" and "presets"');
    expect(() => validateConfig({ ruels: {} }, 'c.json')).toThrow('unknown key "ruels"; did you mean "rules"?');
    expect(() => validateConfig({ extends: 'base.json' }, 'c.json')).toThrow('c.json: unknown key "extends"; the config takes "rules", "suppressions" and "presets"');
  });

  it('is checked when the file is loaded, with the file named', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'iam-lint-presets-')), '.iam-policy-lint.json');
    writeFileSync(file, JSON.stringify({ presets: { deployer: 'eks_eksctl' } }));
    expect(() => loadConfig(file)).toThrow(`${file}: presets["deployer"]: unknown preset "eks_eksctl"; did you mean "eks-eksctl"?`);
  });
});
