import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-testing';

const root = path.resolve(__dirname, '..');
const tutorials = path.join(root, 'test', 'fixtures', 'tutorials');

const admin = { Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] };
const scoped = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:210987654321:invoices' }] };

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-lint-in-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('usage errors: exit 2, one line saying what the option takes, no stack', () => {
  it.each([
    [['--format', 'xml', 'p'], '--format takes text, json, sarif, github; got "xml"'],
    [['--format'], '--format takes text, json, sarif, github; none was given'],
    [['--fail-on', 'high', 'p'], '--fail-on takes error, warning, info, never; got "high"'],
    [['--output'], '--output takes a file to write the report to; none was given'],
    [['--debug=yes', 'p'], '--debug takes no value'],
    [['--strict', 'p'], 'unknown option --strict; options are --format, --output, --fail-on, --config, --baseline, --access-analyzer, --check-no-new-access, --debug, --version, --help'],
    [['--fromat', 'json', 'p'], 'unknown option --fromat; did you mean --format? Options are --format, --output'],
    [['--fail-on-warning', 'p'], 'unknown option --fail-on-warning; options are'],
    [['--baseline'], '--baseline takes a JSON report from an earlier run (--format json); none was given'],
    [['--check-no-new-access', '', 'p'], '--check-no-new-access takes a policy JSON file or a preset name; got an empty value'],
    [[], 'give at least one PATH'],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`iam-policy-lint: ${message}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help and the version', async () => {
    expect(await run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: iam-policy-lint [options] PATH...') });
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^iam-policy-lint \d+\.\d+\.\d+\nAWS catalog data: .*iam-data/);
  });
});

describe('bad input: exit 2 naming the file and the place', () => {
  it('malformed JSON names file, line and column', async () => {
    const dir = folder({ 'bad.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "*" }\n  ]\n}\n' });
    const { code, stdout, stderr } = await run(['--format', 'json', path.join(dir, 'bad.json')]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ findings: [], summary: { filesRead: 0 } });
    expect(stderr).toMatch(new RegExp(`^${path.join(dir, 'bad.json').replace(/[.\\/]/g, '\\$&')}:4:25: malformed JSON`));
  });

  it('a path that does not exist says so', async () => {
    const { code, stderr } = await run([path.join(tmpdir(), 'no-such-policy-dir')]);
    expect(code).toBe(2);
    expect(stderr).toContain('no-such-policy-dir');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a broken link in a folder names the file and why', async () => {
    const dir = folder({ 'ok.json': JSON.stringify(scoped) });
    symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'link.json'));
    const { code, stderr } = await run([dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/link\.json: cannot read: broken symbolic link/);
  });

  it('says how many policies the run could not check, so a clean report does not read as "all checked"; --debug lists them with why', async () => {
    const dir = folder({
      'main.tf': [
        'variable "p" {}',
        'resource "aws_iam_policy" "a" {',
        '  policy = var.p',
        '}',
        'resource "aws_iam_policy" "b" {',
        '  policy = file("${path.module}/../b.json")',
        '}',
        'resource "aws_iam_policy" "c" {',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })',
        '}',
      ].join('\n'),
    });
    const quiet = await run([dir]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe(
      'note: 2 policies were not checked: their text is not in the files read (a variable, a module output, a file outside the paths linted, ' +
        'a template only Terraform renders); lint the plan (terraform show -json) to check them (--debug lists them with why)\n',
    );
    const debug = await run(['--debug', dir]);
    expect(debug.stderr).toContain(`unchecked ${path.join(dir, 'main.tf')}:2 aws_iam_policy.a: \${var.p}\n`);
    expect(debug.stderr).toContain(
      `unchecked ${path.join(dir, 'main.tf')}:5 aws_iam_policy.b: \${file("\${path.module}/../b.json")}: ../b.json is outside the paths being linted, so it is not read; lint a folder that holds it to check it\n`,
    );
    expect(debug.stderr).not.toContain('aws_iam_policy.c');
  });

  it('a run whose only input is unreadable does not say it is clean: the summary counts it, marked as a failure', async () => {
    const dir = folder({ 'bad.json': '{"Statement": [' });
    const text = await run([dir]);
    expect(text.code).toBe(2);
    expect(text.stdout.trim()).toBe('✖ no problems in the files read; 0 files read, 0 skipped, 1 input error');
    const github = await run(['--format', 'github', dir]);
    expect(github.stdout.trim().split('\n').pop()).toBe('iam-policy-lint: no problems in the files read; 0 files read, 0 skipped, 1 input error');
  });

  it('one unreadable file does not hide the findings of the others: all reported, exit 2', async () => {
    const dir = folder({
      'a-admin.json': JSON.stringify(admin),
      'b-bad.json': '{"Version": "2012-10-17",\n "Statement": [}',
      'c-ok.json': JSON.stringify(scoped),
      'd-admin.tf.json': JSON.stringify({ resource: { aws_iam_policy: { all: { name: 'all', policy: JSON.stringify(admin) } } } }),
    });
    symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'e-link.json'));
    for (const failOn of ['error', 'never']) {
      const { code, stdout, stderr } = await run(['--format', 'json', '--fail-on', failOn, dir]);
      expect(code).toBe(2);
      const report = JSON.parse(stdout) as { findings: { ruleId: string; file: string }[]; summary: { filesRead: number } };
      expect(report.findings.filter((f) => f.ruleId === 'admin-access').map((f) => path.basename(f.file))).toEqual(['a-admin.json', 'd-admin.tf.json']);
      expect(report.summary.filesRead).toBe(3);
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/b-bad\.json:2:16: malformed JSON/),
        expect.stringMatching(/e-link\.json: cannot read: broken symbolic link/),
        'iam-policy-lint: 2 input errors (above); the report covers the 3 files read',
      ]);
    }
    const github = (await run(['--format', 'github', dir])).stdout;
    expect(github).toMatch(/^::error file=[^\n]*b-bad\.json,line=2,col=16,title=unreadable input::malformed JSON/m);
    expect(github).toMatch(/^::error file=[^\n]*e-link\.json,title=unreadable input::cannot read/m);
    expect(github.trim().split('\n').pop()).toMatch(/^iam-policy-lint: \d+ problems .*; 3 files read, 0 skipped, 2 input errors$/);
    const sarif = JSON.parse((await run(['--format', 'sarif', dir])).stdout) as {
      runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; locations: { physicalLocation: { region?: unknown } }[] }[] }[] }[];
    };
    const [invocation] = sarif.runs[0]!.invocations;
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications.map((n) => [n.level, n.locations[0]?.physicalLocation.region ?? null])).toEqual([
      ['error', { startLine: 2, startColumn: 16 }],
      ['error', null],
    ]);
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  });

  // Root reads any file, so permissions cannot make one unreadable there.
  it.runIf(process.getuid?.() !== 0)('a file that cannot be read says why', async () => {
    const dir = folder({ 'locked.json': JSON.stringify(admin) });
    chmodSync(path.join(dir, 'locked.json'), 0o000);
    const { code, stderr } = await run([path.join(dir, 'locked.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/locked\.json.*permission/i);
  });

  it('an invalid config names the problem', async () => {
    const dir = folder({ 'p.json': JSON.stringify(scoped), 'cfg.json': JSON.stringify({ suppressions: [{ rule: 'admin-access', file: 'p.json' }] }) });
    const { code, stderr } = await run(['--config', path.join(dir, 'cfg.json'), path.join(dir, 'p.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('cfg.json: suppressions[0] (rule admin-access) needs a "reason"');
  });

  it('--debug adds the stack trace', async () => {
    const dir = folder({ 'cfg.json': '{"rules": {"admin-access": "loud"}}' });
    const { code, stderr } = await run(['--debug', '--config', path.join(dir, 'cfg.json'), dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });
});

describe('runs', () => {
  it('exit status follows --fail-on', async () => {
    const dir = folder({ 'admin.json': JSON.stringify(admin), 'ok.json': JSON.stringify(scoped), 'notes.txt': 'not a policy' });
    expect((await run([dir])).code).toBe(1);
    expect((await run(['--fail-on', 'never', dir])).code).toBe(0);
    expect((await run([path.join(dir, 'ok.json')])).code).toBe(0);
  });

  it('json is the contract, with suppressed findings and their reason, and counts skipped files', async () => {
    const dir = folder({
      'policies/admin.json': JSON.stringify(admin),
      'policies/ok.json': JSON.stringify(scoped),
      'policies/README.txt': 'not a policy',
      '.iam-policy-lint.json': JSON.stringify({ suppressions: [{ rule: 'admin-access', file: 'policies/admin.json', reason: 'break-glass role, reviewed by security' }] }),
    });
    const { code, stdout } = await run(['--format', 'json', path.join(dir, 'policies')], { cwd: dir });
    const report = JSON.parse(stdout) as { findings: { ruleId: string }[]; suppressed: { ruleId: string; reason: string; file: string; line: number }[]; summary: Record<string, number> };
    expect(code).toBe(0);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('admin-access');
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'admin-access', reason: 'break-glass role, reviewed by security', file: path.join(dir, 'policies', 'admin.json'), statement: 'All' })]);
    expect(report.summary).toMatchObject({ filesRead: 2, filesSkipped: 1, suppressed: 1 });
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = folder({ 'admin.json': JSON.stringify(admin) });
    const out = path.join(dir, 'report.sarif');
    const { code, stdout } = await run(['--format', 'sarif', '--output', out, path.join(dir, 'admin.json')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect((await run(['--output', path.join(dir, 'missing', 'r.txt'), path.join(dir, 'admin.json')])).stderr).toContain('its folder does not exist; create it first');
  });

  it('--output refuses an input file (the report would overwrite the policy) and a folder, before the run', async () => {
    const dir = folder({ 'admin.json': JSON.stringify(admin) });
    const policy = path.join(dir, 'admin.json');
    for (const output of [policy, path.join(dir, '.', 'admin.json')]) {
      const { code, stdout, stderr } = await run(['--output', output, policy]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`--output ${output}: is also an input (${policy}); the report would overwrite it`);
    }
    expect(JSON.parse(readFileSync(policy, 'utf8'))).toEqual(admin);
    const inFolder = await run(['--output', dir, policy]);
    expect(inFolder.code).toBe(2);
    expect(inFolder.stderr).toContain(`--output ${dir}: is a folder; give a file name, e.g. ${path.join(dir, 'iam-policy-lint.sarif')}`);
    const baseline = path.join(dir, 'baseline.json');
    writeFileSync(baseline, '{"findings": []}');
    const refresh = await run(['--format', 'json', '--baseline', baseline, '--output', baseline, policy]);
    expect(refresh.code).toBe(2);
    expect(refresh.stderr).toContain(`is also an input (--baseline ${baseline}); the report would overwrite it. Write the report to another file; to refresh the baseline, run without --baseline`);
    expect(readFileSync(baseline, 'utf8')).toBe('{"findings": []}');
    // A report written into a folder being linted is fine: the next run skips it as not a policy.
    expect((await run(['--format', 'json', '--output', path.join(dir, 'report.json'), dir])).code).toBe(1);
  });

  it('a Sid or a file name with a newline cannot forge a GitHub workflow command in the log (stdout or stderr)', async () => {
    const sid = 'A\n::error file=README.md,line=1::forged';
    const dir = folder({ 'p.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ ...admin.Statement[0], Sid: sid }] }), 'bad\n::warning::x.json': '{' });
    for (const format of ['text', 'github']) {
      const { code, stdout, stderr } = await run(['--format', format, '--debug', dir]);
      expect(code).toBe(2);
      expect(`${stdout}${stderr}`.split('\n').filter((line) => line.startsWith('::') && !line.startsWith(`::error file=${dir}`))).toEqual([]);
    }
  });

  it('colours text only on a terminal without NO_COLOR', async () => {
    const dir = folder({ 'admin.json': JSON.stringify(admin) });
    const esc = '\u001b[';
    expect((await run([dir], { isTTY: true })).stdout).toContain(esc);
    expect((await run([dir], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await run([dir], { isTTY: false })).stdout).not.toContain(esc);
  });
});

describe('the config the CLI finds', () => {
  const keyPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Keys', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::210987654321:user/ci' }] });

  it('takes the nearest .iam-policy-lint.json above the working folder, up to the repository root', async () => {
    const repo = folder({ '.git/HEAD': 'ref: refs/heads/main\n', '.iam-policy-lint.json': JSON.stringify({ rules: { 'privilege-escalation': 'off' } }), 'infra/sub/p.json': keyPolicy });
    const fromRoot = await run(['--format', 'json', 'p.json'], { cwd: path.join(repo, 'infra', 'sub') });
    expect(JSON.parse(fromRoot.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('privilege-escalation');
    // Without the config the same policy is an escalation path (credentials of another user).
    const bare = await run(['--format', 'json', path.join(repo, 'infra', 'sub', 'p.json')]);
    expect(JSON.parse(bare.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('privilege-escalation');
    const debug = await run(['--debug', '--format', 'json', 'p.json'], { cwd: path.join(repo, 'infra', 'sub') });
    expect(debug.stderr).toContain(`config: ${path.join(repo, '.iam-policy-lint.json')} (the nearest .iam-policy-lint.json to ${path.join(repo, 'infra', 'sub')}`);
  });

  it('takes the file IAM_POLICY_LINT_CONFIG names when --config is not given, and says so in its errors', async () => {
    const dir = folder({ 'bad.json': JSON.stringify({ rules: { 'privilege-escalaton': 'off' } }), 'p.json': keyPolicy });
    const { code, stderr } = await run([path.join(dir, 'p.json')], { env: { IAM_POLICY_LINT_CONFIG: path.join(dir, 'bad.json') } });
    expect(code).toBe(2);
    expect(stderr).toContain('bad.json');
    expect(stderr).toContain('privilege-escalation');
  });
});

describe('the tutorials as a Terraform team would write them, in all four formats', () => {
  const flavours = (t: string): string[] => [`${t}/tf-json`, `${t}/plan-from-tf-json.json`, `${t}/hcl`, `${t}/plan-from-hcl.json`];
  /** Rule ids each tutorial must draw, from every input it comes as (policy files; Terraform JSON, HCL and their plans). */
  const cases: [string, string[], string[]][] = [
    ['000 policy file', ['000-humalect'], ['placeholder-account', 'full-service-access', 'privilege-escalation']],
    ['001 policy file', ['001-amplify-workshop'], ['privilege-escalation', 'full-service-access']],
    [
      '002 users with AdministratorAccess and others attached',
      flavours('002-automate-ha'),
      ['admin-access', 'exceeds-preset', 'privilege-escalation', 'user-attached-policy', 'full-service-access'],
    ],
    ['003 users with managed policies attached', flavours('003-serverless-stack'), ['admin-access', 'user-attached-policy']],
    [
      '004 console access and two broad policies',
      flavours('004-invoice-scanner'),
      ['console-password', 'console-and-key', 'user-attached-policy', 'full-service-access', 'privilege-escalation', 'placeholder-account'],
    ],
  ];
  for (const [name, inputs, expected] of cases) {
    for (const input of inputs) {
      it(`${name}: ${input}`, async () => {
        const target = path.join(tutorials, input);
        const json = await run(['--format', 'json', target]);
        expect(json.code).toBe(1);
        const ids = new Set((JSON.parse(json.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId));
        for (const id of expected) expect(ids).toContain(id);

        const sarif = JSON.parse((await run(['--format', 'sarif', target])).stdout) as { runs: { results: { ruleId: string }[] }[] };
        expect(new Set(sarif.runs[0]!.results.map((r) => r.ruleId))).toEqual(ids);
        const github = (await run(['--format', 'github', target])).stdout;
        for (const id of ids) expect(github).toMatch(new RegExp(`^::(error|warning|notice) file=[^\\n]*title=${id}`, 'm'));
        const text = (await run([target])).stdout;
        for (const id of ids) expect(text).toMatch(new RegExp(`  ${id}\\n`));
      });
    }
  }
  it.each(cases.filter(([, inputs]) => inputs.length > 1))('%s: the same rules from every input it comes as', async (_name, inputs) => {
    const seen: string[][] = [];
    for (const input of inputs) {
      const { stdout } = await run(['--format', 'json', path.join(tutorials, input)]);
      seen.push([...new Set((JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId))].sort());
    }
    for (const ids of seen) expect(ids).toEqual(seen[0]);
  });
  it('004 from Terraform JSON flags the literal password as an error', async () => {
    const { stdout } = await run(['--format', 'json', path.join(tutorials, '004-invoice-scanner/tf-json')]);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'console-password', severity: 'error' }));
  });
});

describe('bin.cjs', () => {
  it('runs the CLI through tsx as `npx iam-policy-lint` does', () => {
    const dir = folder({ 'admin.json': JSON.stringify(admin) });
    const child = spawnSync(process.execPath, [path.join(root, 'lint', 'bin.cjs'), '--format', 'json', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(child.status).toBe(1);
    expect(JSON.parse(child.stdout)).toMatchObject({ findings: [expect.objectContaining({ ruleId: 'admin-access', statement: 'All' })] });
    const bad = spawnSync(process.execPath, [path.join(root, 'lint', 'bin.cjs'), '--format', 'yaml', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('iam-policy-lint: --format takes text, json, sarif, github; got "yaml"\nRun iam-policy-lint --help for usage.\n');
  });

  it('stops quietly when the reader closes the pipe early (`| head`)', () => {
    // Far more than a pipe buffers, so the write outlives the reader.
    const many = { Version: '2012-10-17', Statement: Array.from({ length: 3000 }, (_, i) => ({ Sid: `All${i}`, Effect: 'Allow', Action: '*', Resource: '*' })) };
    const dir = folder({ 'many.json': JSON.stringify(many) });
    const bin = path.join(root, 'lint', 'bin.cjs');
    const child = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --format json "${dir}" | head -c 1`], { encoding: 'utf8', timeout: 120_000 });
    expect(child.stdout).toBe('{');
    expect(child.stderr).not.toMatch(/EPIPE|Error/);
  });
});
