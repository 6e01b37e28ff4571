/**
 * The bundle from `npm run build` behaves as the TypeScript sources do: same report, byte for
 * byte, on the tutorials (presets, docs and catalog data are found from the bundle's folder).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli';

const root = path.resolve(__dirname, '..', '..');
const tutorials = path.join(root, 'test', 'fixtures', 'tutorials');

async function inProcess(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, isTTY: false, env: {}, cwd: root });
  return { code, stdout };
}

describe('the bundled CLI', () => {
  // Inside the checkout, so the bundle resolves node_modules as lint/dist/cli.cjs does.
  mkdirSync(path.join(root, 'lint', 'dist'), { recursive: true });
  const outdir = mkdtempSync(path.join(root, 'lint', 'dist', 'test-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('builds, listing its sources with size and mtime', () => {
    const build = spawnSync(process.execPath, [path.join(__dirname, 'build-cli.cjs'), outdir], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const inputs = JSON.parse(readFileSync(path.join(outdir, 'inputs.json'), 'utf8')) as { file: string; size: number; mtimeMs: number }[];
    expect(inputs.map((i) => i.file)).toContain(path.join('lint', 'cli.ts'));
    expect(inputs.map((i) => i.file)).toContain(path.join('policies', 'index.ts'));
  });

  it('runs without loading tsx (the point of the bundle: no TypeScript loader at start-up)', () => {
    // A preload that records every module request naming tsx, reported at exit.
    const probe = path.join(outdir, 'probe-tsx.cjs');
    writeFileSync(
      probe,
      "const Module = require('node:module'); const seen = new Set(); const load = Module._load;\n" +
        "Module._load = function (request, ...rest) { if (/(^|[\\\\/])tsx([\\\\/]|$)/.test(request)) seen.add(request); return load.call(this, request, ...rest); };\n" +
        "process.on('exit', () => { if (seen.size > 0) process.stderr.write('tsx loaded: ' + [...seen].join(', ')); });\n",
    );
    const run = spawnSync(process.execPath, ['--require', probe, path.join(outdir, 'cli.cjs'), '--format', 'json', '--fail-on', 'never', tutorials], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('tsx loaded');
  });

  it.each([['json'], ['sarif'], ['text']])('reports the tutorials as the sources do (--format %s)', async (format) => {
    const argv = ['--format', format, '--fail-on', 'warning', tutorials];
    const bundled = spawnSync(process.execPath, [path.join(outdir, 'cli.cjs'), ...argv], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const sources = await inProcess(argv);
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(sources.code);
    expect(bundled.stdout).toBe(sources.stdout);
    expect(sources.stdout.length).toBeGreaterThan(100);
  });
});
