/**
 * What a reader of one JSON format looks like. Adding a format means one new file that exports
 * a JsonFormat, and one line in formats.ts.
 */
import type { Inventory } from '../model/types';
import type { TerraformUnit } from './terraform-resource';

export interface ParsedJsonFile {
  /** Path as the user gave it (joined with the path inside a folder). */
  file: string;
  /** The text without its BOM, for lines and sizes. */
  text: string;
  /** JSON.parse(text), done once by the caller. */
  value: unknown;
}

/**
 * Either a finished inventory (the file stands alone) or Terraform resources, which are linked
 * with the other resources of the same unit (a configuration folder, a plan) before use.
 */
export type ReaderOutput = { inventory: Inventory } | { terraform: TerraformUnit };

export interface JsonFormat {
  /** Short name used in messages, e.g. "policy document". */
  name: string;
  /** A cheap look at the parsed value: does this reader own the file? */
  detect(value: unknown): boolean;
  read(input: ParsedJsonFile): ReaderOutput;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
