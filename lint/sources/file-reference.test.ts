import { describe, expect, it } from 'vitest';
import { fileReference } from './file-reference';

describe('fileReference', () => {
  it('reads a literal path, or path.module / path.root / path.cwd joined with one', () => {
    expect(fileReference('file("policy.json")')).toEqual({ written: 'file("policy.json")', path: 'policy.json', vars: null, moduleRelative: false });
    expect(fileReference('file("${path.module}/policies/deploy.json")')).toMatchObject({ path: 'policies/deploy.json', vars: null, moduleRelative: true });
    expect(fileReference('file("${path.root}/p.json")')).toMatchObject({ path: 'p.json', moduleRelative: false });
    expect(fileReference('file( "${ path.cwd }/p.json" )')).toMatchObject({ path: 'p.json', moduleRelative: false });
    expect(fileReference('file("/etc/passwd")')).toMatchObject({ path: '/etc/passwd' });
    // `.//p.json` to Terraform: the file beside the .tf, not `/p.json`.
    expect(fileReference('file("${path.module}//p.json")')).toMatchObject({ path: 'p.json', moduleRelative: true });
    expect(fileReference('file("~/p.json")')).toBe('its path is in the home folder of whoever runs Terraform, which is not among the paths being linted');
  });

  it('says why a path built by Terraform names no file', () => {
    const why = 'its path is built from an expression only Terraform evaluates';
    expect(fileReference('file("${path.module}/${var.name}.json")')).toBe(why);
    expect(fileReference('file(format("%s/p.json", path.module))')).toBe(why);
    expect(fileReference('file(var.policy_path)')).toBe(why);
    // Terraform reads this as `.policy.json`, not as a file in the module's folder.
    expect(fileReference('file("${path.module}policy.json")')).toBe(why);
    expect(fileReference('file("a.json", "b.json")')).toBe('its arguments are not what Terraform takes');
    const backslash = 'its path separates folders with \\, which only Terraform on Windows reads as a separator; write / (Terraform reads it on every system)';
    expect(fileReference('file("${path.module}\\\\policies\\\\p.json")')).toBe(backslash);
    expect(fileReference('file("policies\\\\p.json")')).toBe(backslash);
  });

  it('takes templatefile variables as literals, anything else as an opaque token', () => {
    const call = 'templatefile("${path.module}/p.json.tpl", {\n    bucket = "logs"\n    "n" = 3\n    env = var.env\n  })';
    expect(fileReference(call)).toEqual({
      written: 'templatefile("${path.module}/p.json.tpl", { bucket = "logs" "n" = 3 env = var.env })',
      path: 'p.json.tpl',
      vars: { bucket: 'logs', n: 3, env: '${var.env}' },
      moduleRelative: true,
    });
    expect(fileReference('templatefile("p.tpl", var.vars)')).toBe('its variables are not written as a literal map');
    expect(fileReference('templatefile("p.tpl", { (local.key) = "logs" })')).toBe('its variables are not written as a literal map (a name is computed)');
    expect(fileReference('templatefile("p.tpl", { "${local.key}" = "logs" })')).toBe('its variables are not written as a literal map (a name is computed)');
  });

  it('is null for every other expression', () => {
    for (const expression of ['jsonencode({})', 'filebase64("p.json")', 'var.policy', 'data.aws_iam_policy_document.d.json', 'file("p.json").x']) {
      expect(fileReference(expression)).toBeNull();
    }
  });
});
