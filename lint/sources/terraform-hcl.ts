/**
 * HCL `.tf` files, through @cdktf/hcl2json, then the same resources as Terraform JSON. hcl2json
 * gives no positions, so the line of each resource is found by a pass over the text for its
 * `resource "type" "name"` header.
 */
import { dirname } from 'node:path';
import type { InputError } from './read-result';
import { isRecord } from './reader';
import { configurationLocals, configurationResources } from './terraform-json';
import type { TerraformUnit } from './terraform-resource';

const BLOCK_HEADER = /^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"[ \t]*\{/gm;

function headerLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(BLOCK_HEADER)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    const key = `${m[1] === 'data' ? 'data' : 'managed'} ${m[2]} ${m[3]}`;
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}

/** Lines of a data source's `statement` blocks, then of its `dynamic "statement"` blocks, in that order (as rendered). */
function statementLines(text: string, headerLine: number | null, written: number, generated: number): (number | null)[] | undefined {
  if (headerLine === null) return undefined;
  const plain: number[] = [];
  const dynamic: number[] = [];
  const all = text.split('\n');
  // Statement blocks follow the header, before the next top-level block.
  for (let i = headerLine; i < all.length && (plain.length < written || dynamic.length < generated); i++) {
    const line = all[i] ?? '';
    if (/^(resource|data|module|variable|output|locals|provider|terraform)\b/.test(line)) break;
    if (/^\s*statement\s*\{/.test(line)) plain.push(i + 1);
    else if (/^\s*dynamic\s+"?statement"?\s*\{/.test(line)) dynamic.push(i + 1);
  }
  return [...Array.from({ length: written }, (_, i) => plain[i] ?? null), ...Array.from({ length: generated }, (_, i) => dynamic[i] ?? null)];
}

/** `b.tf:3,15-16: message` from hcl2json into a line and column. */
function hclError(file: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  // hcl2json joins every diagnostic into one message, each starting `<file>:<line>,<column>[-<end>]: `:
  // keep the first, count the rest.
  const diagnostics = message.split(`${file}:`).slice(1).map((d) => /^(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)/.exec(d)).filter((d) => d !== null);
  const first = diagnostics[0];
  if (first !== undefined) {
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more in the file)` : '';
    return { file, line: Number(first[1]), column: Number(first[2]), message: `malformed HCL: ${first[3]?.trim()}${more}` };
  }
  return { file, line: null, column: null, message: `malformed HCL: ${message.replace(/^Error: /, '').slice(0, 300)}` };
}

export async function readHcl(file: string, text: string): Promise<{ terraform: TerraformUnit } | { error: InputError }> {
  let config: Record<string, unknown>;
  try {
    // Loaded on first use: the WebAssembly parser costs ~200 ms to load, and most runs have no HCL.
    const { parse } = await import('@cdktf/hcl2json');
    const parsed: unknown = await parse(file, text);
    config = isRecord(parsed) ? parsed : {};
  } catch (error) {
    return { error: hclError(file, error) };
  }
  const lines = headerLines(text);
  const resources = configurationResources(
    file,
    config,
    (mode, type, name) => lines.get(`${mode} ${type} ${name}`) ?? null,
    (at, written, generated) => {
      const [, , type, name] = at.split('/');
      return statementLines(text, lines.get(`data ${type} ${name}`) ?? null, written, generated);
    },
    false,
  );
  return { terraform: { scope: dirname(file), resources, planned: false, locals: configurationLocals(config) } };
}
