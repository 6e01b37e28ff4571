/**
 * The policy `--check-no-new-access` compares against: a JSON file, or the name of a preset in
 * policies/ (`--check-no-new-access s3-static-site`). A reference that cannot be read is a usage
 * error (exit 2), raised before any request is sent.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parsePolicyDocument } from '../model/parse-document';
import { loadPreset, presetNames } from '../../policies';
import { analyzerText } from './policy-text';

export interface ReferencePolicy {
  /** The file or preset name as given, for messages. */
  name: string;
  /** Text sent to the analyzer as existingPolicyDocument. */
  text: string;
}

export class ReferencePolicyError extends Error {}

function fromValue(name: string, value: unknown, text: string): ReferencePolicy {
  const document = parsePolicyDocument(value, { text });
  const problem = document.problems[0];
  if (problem) {
    const where = problem.statement === null ? '' : ` (statement ${problem.statement})`;
    throw new ReferencePolicyError(`reference policy ${name}${where}: ${problem.message}`);
  }
  const sendable = analyzerText(document);
  if ('unresolved' in sendable) {
    throw new ReferencePolicyError(
      `reference policy ${name} holds ${sendable.unresolved}; write the reference with literal ARNs (or \${AccountId}, \${Partition}, \${Region})`,
    );
  }
  return { name, text: sendable.text };
}

export function loadReferencePolicy(fileOrPreset: string): ReferencePolicy {
  if (existsSync(fileOrPreset) && statSync(fileOrPreset).isFile()) {
    const text = readFileSync(fileOrPreset, 'utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ReferencePolicyError(`reference policy ${fileOrPreset} is not valid JSON: ${(error as Error).message}`);
    }
    return fromValue(fileOrPreset, value, text);
  }
  const names = presetNames();
  if (!names.includes(fileOrPreset)) {
    throw new ReferencePolicyError(
      `--check-no-new-access ${fileOrPreset}: no such file, and no preset by that name (presets: ${names.join(', ') || 'none'})`,
    );
  }
  const preset = loadPreset(fileOrPreset);
  return fromValue(preset.file, preset.document, JSON.stringify(preset.document));
}
