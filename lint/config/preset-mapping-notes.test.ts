import { describe, expect, it } from 'vitest';
import { readText } from '../sources/index';
import { presetMappingNotes } from './preset-mapping-notes';
import { validateConfig } from './validate-config';

const STACK = JSON.stringify({
  resource: {
    aws_iam_user: {
      deployer: { name: 'deployer' },
      builder: { name: 'builder', tags: { 'iam-preset': 'sst-deployer' } },
      templated: { name: '${var.user_name}' },
    },
  },
});

const principals = readText('stack.tf.json', STACK).inventory.principals;
const notes = (presets: Record<string, string>, source = '.iam-policy-lint.json') => presetMappingNotes(validateConfig({ presets }, source), principals);

describe('presetMappingNotes', () => {
  it('says nothing of entries that hold a user, by name or by principal key', () => {
    const key = principals.find((p) => p.name === 'deployer')!.key;
    expect(notes({ deployer: 'eks-eksctl', [key]: 'eks-eksctl', builder: 'sst-deployer' })).toEqual([]);
  });

  it('names an entry whose user is in none of the files read, with the user probably meant', () => {
    expect(notes({ deploier: 'eks-eksctl' })).toEqual(['note: presets["deploier"] in .iam-policy-lint.json names no user in the files read; did you mean "deployer"?']);
    expect(notes({ 'release-bot': 'eks-eksctl' }, 'ci/lint.json')).toEqual([
      'note: presets["release-bot"] in ci/lint.json names no user in the files read; check the name, or lint the files that define that user',
    ]);
  });

  it('names an entry the user\'s iam-preset tag overrides', () => {
    expect(notes({ builder: 'eks-eksctl' })).toEqual([
      'note: presets["builder"] in .iam-policy-lint.json ("eks-eksctl") is not applied to builder: its iam-preset tag ("sst-deployer") wins; change the tag, or remove the entry',
    ]);
  });

  it('is silent when the files read define no user (policy files alone)', () => {
    expect(presetMappingNotes(validateConfig({ presets: { deploier: 'eks-eksctl' } }, 'c.json'), [])).toEqual([]);
  });
});
