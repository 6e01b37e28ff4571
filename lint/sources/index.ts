/**
 * The linter's inputs: files and folders in, one linked Inventory out. Each file is read once and
 * parsed once; its format is found from its content (see formats.ts). A file that cannot be read
 * is an error for that file only: the rest is still read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { emptyInventory, type Inventory, type PolicyRecord } from '../model/types';
import { CLOUDFORMATION_SKIP_REASON, isCloudFormationJson, isCloudFormationText } from './cloudformation';
import { isTrustDocument } from './policy-file';
import { isResourcePolicyDocument, RESOURCE_POLICY_SKIP_REASON } from './resource-policy';
import { JSON_FORMATS, isHclFile } from './formats';
import { parseJsonText, stripBom } from './json-text';
import type { InputError, ReadResult, SkippedFile } from './read-result';
import { ReferencedFiles, type LintedTree } from './referenced-files';
import type { ReaderOutput } from './reader';
import { readHcl } from './terraform-hcl';
import { inventoryOfTerraform } from './terraform-inventory';
import type { TerraformUnit } from './terraform-resource';
import { describeFsError, listFiles } from './walk';

export type { InputError, ReadResult, SkippedFile } from './read-result';

const TEMPLATE_SKIP_REASON = 'a templatefile() template that is not a policy until rendered, and no resource renders it with values the linter knows (--debug lists them as unchecked)';

export interface ReadOptions {
  /** Called before each file is read (progress, --debug). */
  onFile?: (file: string) => void;
}

/** Collects what each file gave, in file order; Terraform units are linked at the end. */
class Collector {
  private readonly files: ReferencedFiles;
  /** Policy files read whole, by path: configuration that reads one with file() takes its document from here. */
  private readonly wholeFiles = new Map<string, PolicyRecord>();
  private readonly parts: (Inventory | TerraformUnit)[] = [];
  private readonly units = new Map<string, TerraformUnit>();
  filesRead = 0;
  /** The files counted in filesRead, by path. */
  private readonly readOnItsOwn = new Set<string>();
  readonly skipped: SkippedFile[] = [];
  readonly errors: InputError[] = [];

  /** `tree` says which files configuration may read with file(); null for input given in memory. */
  constructor(tree: LintedTree | null) {
    this.files = new ReferencedFiles(tree, (file) => this.wholeFiles.get(file));
  }

  add(file: string, output: ReaderOutput): void {
    this.filesRead++;
    this.readOnItsOwn.add(file);
    if ('inventory' in output) {
      this.parts.push(output.inventory);
      for (const policy of output.inventory.policies) if (policy.key === policy.origin.file) this.wholeFiles.set(policy.key, policy);
      return;
    }
    const { scope, resources, locals } = output.terraform;
    const unit = this.units.get(scope);
    if (unit === undefined) {
      this.units.set(scope, output.terraform);
      this.parts.push(output.terraform);
      return;
    }
    for (const resource of resources) unit.resources.push(resource);
    // Locals are shared by the folder's files, as resources are.
    if (locals !== undefined) for (const [name, value] of locals) (unit.locals ??= new Map()).set(name, value);
  }

  result(): ReadResult {
    const inventory = emptyInventory();
    const keys = Object.keys(inventory) as (keyof Inventory)[];
    // Every unit is linked first: only then is it known which policy files configuration reads.
    const pieces = this.parts.map((part) => ('scope' in part ? { piece: inventoryOfTerraform(part, this.files), plainFiles: false } : { piece: part, plainFiles: true }));
    const readByTerraform = this.files.read;
    for (const { piece, plainFiles } of pieces) {
      // A policy file that configuration reads with file() is checked as that resource's policy:
      // its record as a file on its own would repeat every finding without saying who holds it.
      const superseded = plainFiles && readByTerraform.size > 0 && piece.policies.some((p) => readByTerraform.has(p.origin.file));
      for (const key of keys) {
        if (superseded && key === 'policies') continue;
        // One element at a time: spreading 130,000 or more items into push() overflows the stack.
        const into = inventory[key] as unknown[];
        for (const item of piece[key]) into.push(item);
      }
    }
    // A template is not JSON until rendered (`"Resource": ${arns}`): that is no fault of the file,
    // whose policies are checked (or named unchecked) where templatefile() renders it.
    const templates = this.files.templates;
    // A faulty file a resource reads is reported once, where it goes wrong, naming who reads it.
    const faulty = this.files.faulty;
    const ownErrors = this.errors.filter((e) => !(templates.has(e.file) && e.line !== null) && !faulty.has(e.file));
    // A file skipped on its own (a template, a trust policy taken for a resource policy) that a resource read is read.
    const skipped = this.skipped.filter((s) => !templates.has(s.file) && !readByTerraform.has(s.file) && !faulty.has(s.file));
    let filesRead = this.filesRead;
    for (const file of readByTerraform) if (!this.readOnItsOwn.has(file)) filesRead++;
    for (const file of templates) {
      if (!readByTerraform.has(file) && !this.readOnItsOwn.has(file)) skipped.push({ file, reason: TEMPLATE_SKIP_REASON });
    }
    skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const errors = [...ownErrors, ...this.files.errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    return { inventory, filesRead, skipped, errors };
  }
}

function internalError(file: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  return { file, line: null, column: null, message: `could not be read because of a fault in the linter (${message}); please report it with this file` };
}

/** Whether the text starts (after white space) like a JSON object or array. */
function looksLikeJson(text: string): boolean {
  const start = /\S/.exec(text.slice(0, 4096))?.[0];
  return start === '{' || start === '[';
}

/** A JSON file (or one that looks like JSON): parse once, hand to the reader that owns it. */
function readJson(file: string, text: string, into: Collector): void {
  const named = /\.json$/i.test(file);
  if (!named && !looksLikeJson(text)) {
    into.skipped.push({ file, reason: isCloudFormationText(text) ? CLOUDFORMATION_SKIP_REASON : 'not JSON or Terraform HCL' });
    return;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    if (named) into.errors.push({ file, line: parsed.line, column: parsed.column, message: parsed.message });
    else into.skipped.push({ file, reason: 'not valid JSON, and not named .json' });
    return;
  }
  if (isResourcePolicyDocument(parsed.value) && !isTrustDocument(parsed.value)) {
    into.skipped.push({ file, reason: RESOURCE_POLICY_SKIP_REASON });
    return;
  }
  const format = JSON_FORMATS.find((f) => f.detect(parsed.value));
  if (format === undefined) {
    const reason = isCloudFormationJson(parsed.value) ? CLOUDFORMATION_SKIP_REASON : 'JSON, but not a policy document, Terraform configuration or plan';
    into.skipped.push({ file, reason });
    return;
  }
  try {
    into.add(file, format.read({ file, text, value: parsed.value }));
  } catch (error) {
    into.errors.push(internalError(file, error));
  }
}

async function readOne(file: string, rawText: string, into: Collector): Promise<void> {
  const text = stripBom(rawText);
  if (!isHclFile(file)) return readJson(file, text, into);
  try {
    const read = await readHcl(file, text);
    if ('error' in read) into.errors.push(read.error);
    else into.add(file, read);
  } catch (error) {
    into.errors.push(internalError(file, error));
  }
}

function readFileText(file: string): string | InputError {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file vanished after it was listed (ENOENT); was it deleted while linting?' : describeFsError(error);
    return { file, line: null, column: null, message: `cannot read: ${why}` };
  }
}

/** Read files and folders (searched recursively) into one inventory. */
export async function readPaths(paths: string[], options: ReadOptions = {}): Promise<ReadResult> {
  const listed = listFiles(paths);
  const into = new Collector({ files: new Map(listed.files.map((file) => [resolve(file), file])), roots: paths.map((path) => resolve(path)) });
  for (const error of listed.errors) into.errors.push(error);
  for (const skipped of listed.skipped) into.skipped.push(skipped);
  // Files are read one after another: small files read faster in sequence than through the
  // thread pool, and only one large file is held in memory at a time.
  for (const file of listed.files) {
    options.onFile?.(file);
    const text = readFileText(file);
    if (typeof text !== 'string') into.errors.push(text);
    // Only HCL needs to wait (its parser is asynchronous): JSON files cost no turn of the event loop.
    else if (isHclFile(file)) await readOne(file, text, into);
    else readJson(file, stripBom(text), into);
  }
  return into.result();
}

/** One in-memory JSON file (tests, the synth-time aspect). HCL needs readTextAsync. */
export function readText(file: string, text: string): ReadResult {
  const into = new Collector(null);
  if (isHclFile(file)) into.skipped.push({ file, reason: 'HCL is parsed asynchronously: use readTextAsync' });
  else readJson(file, stripBom(text), into);
  return into.result();
}

/** One in-memory file of any format, HCL included. */
export async function readTextAsync(file: string, text: string): Promise<ReadResult> {
  const into = new Collector(null);
  await readOne(file, text, into);
  return into.result();
}
