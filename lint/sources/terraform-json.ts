/**
 * Terraform JSON configuration: `cdktf.out/stacks/<stack>/cdk.tf.json` and hand-written `*.tf.json`.
 * Resources live under resource.<type>.<name> (data.<type>.<name> for data sources); cdktf adds
 * `//` metadata keys, which are comments.
 */
import { dirname } from 'node:path';
import { blocksOf } from './policy-document-data';
import { isRecord, type JsonFormat, type ParsedJsonFile, type ReaderOutput } from './reader';
import { blocks, isComment, type TerraformResource } from './terraform-resource';
import { pointer, valueLines } from './value-lines';

const TOP_LEVEL_KEYS = ['resource', 'data', 'terraform', 'provider', 'module', 'variable', 'output', 'locals'];

/** Resources of a configuration object (from JSON, or from HCL through hcl2json). */
export function configurationResources(
  file: string,
  config: Record<string, unknown>,
  lineOf: (mode: 'managed' | 'data', type: string, name: string, pointer: string) => number | null,
  /** Lines of the written `statement` blocks, then of the `dynamic "statement"` ones. */
  statementLinesOf: (pointer: string, written: number, generated: number) => (number | null)[] | undefined,
  withPointers: boolean,
): TerraformResource[] {
  const out: TerraformResource[] = [];
  for (const [mode, section] of [['managed', config.resource], ['data', config.data]] as const) {
    // Terraform JSON allows a block to be an object or a list of objects.
    for (const byType of blocks(section)) {
      for (const [type, byName] of Object.entries(byType)) {
        if (isComment(type) || !isRecord(byName)) continue;
        for (const [name, raw] of Object.entries(byName)) {
          const body = blocks(raw)[0];
          if (isComment(name) || body === undefined) continue;
          const at = pointer(mode === 'managed' ? 'resource' : 'data', type, name);
          const resource: TerraformResource = {
            mode,
            type,
            name,
            address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
            module: '',
            body,
            origin: { file, resource: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`, pointer: withPointers ? at : null, line: lineOf(mode, type, name, at) },
          };
          if (mode === 'data' && type === 'aws_iam_policy_document') {
            const { written, generated } = blocksOf(body, 'statement');
            resource.statementLines = statementLinesOf(at, written.length, generated.length);
          }
          out.push(resource);
        }
      }
    }
  }
  return out;
}

/** The `locals` of a configuration (an object, or a list of them: one per `locals` block in HCL). */
export function configurationLocals(config: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const block of blocks(config.locals)) for (const [name, value] of Object.entries(block)) if (!isComment(name)) out.set(name, value);
  return out;
}

function read({ file, text, value }: ParsedJsonFile): ReaderOutput {
  const config = value as Record<string, unknown>;
  // resource/<type>/<name> is depth 3; data/<type>/<name>/statement/<i> depth 5.
  const lines = valueLines(text, 5);
  const resources = configurationResources(
    file,
    config,
    (_mode, _type, _name, at) => lines.get(at) ?? null,
    (at, written, generated) => {
      const single = lines.get(`${at}/statement`);
      // Deeper pointers would cost every resource of a large file: a dynamic block points at its `statement` key.
      const dynamic = lines.get(`${at}/dynamic/statement`) ?? lines.get(`${at}/dynamic`) ?? null;
      return [...Array.from({ length: written }, (_, i) => lines.get(`${at}/statement/${i}`) ?? single ?? null), ...Array.from({ length: generated }, () => dynamic)];
    },
    true,
  );
  // Terraform reads every *.tf and *.tf.json of a folder as one module: link within the folder.
  return { terraform: { scope: dirname(file), resources, planned: false, locals: configurationLocals(config) } };
}

/**
 * `cdktf synth --hcl` writes metadata.json next to cdk.tf: the configuration's shape with nothing but
 * `//` comments in each block. Terraform does not read it, and linking it with cdk.tf would add every
 * resource a second time, without attributes.
 */
function onlyComments(value: Record<string, unknown>): boolean {
  let bodies = 0;
  for (const section of [value.resource, value.data]) {
    for (const byType of blocks(section)) {
      for (const [type, byName] of Object.entries(byType)) {
        if (isComment(type) || !isRecord(byName)) continue;
        for (const [name, raw] of Object.entries(byName)) {
          if (isComment(name)) continue;
          for (const body of blocks(raw)) {
            bodies++;
            if (Object.keys(body).some((key) => !isComment(key))) return false;
          }
        }
      }
    }
  }
  return bodies > 0;
}

export const terraformJson: JsonFormat = {
  name: 'Terraform JSON configuration',
  detect: (value) =>
    isRecord(value) && !('Statement' in value) && !('format_version' in value) && TOP_LEVEL_KEYS.some((k) => k in value) && !onlyComments(value),
  read,
};
