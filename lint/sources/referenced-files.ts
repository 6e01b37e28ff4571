/**
 * The policy files Terraform configuration reads with file() and templatefile(). A pull request's
 * .tf may name any path, so only files the run lints anyway are read: listed by the walk under the
 * paths given (no skipped folder, no pipe), and whose real path, links followed, is still inside one
 * of them. Anything else stays unchecked, with why. Messages name paths, never a file's content.
 * Each file is read and parsed once per run, however many resources name it.
 */
import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PolicyDocument, PolicyRecord } from '../model/types';
import type { FileReference } from './file-reference';
import { parseJsonText, stripBom } from './json-text';
import { wholeTextDocument } from './policy-file';
import type { InputError } from './read-result';
import { renderTemplate, type RenderedTemplate } from './template-render';
import { describeFsError, isWithin, kindOf } from './walk';

/** What the run lints: the files the walk listed and the paths given on the command line. */
export interface LintedTree {
  /** Absolute path of each listed file -> the path as the run shows it. */
  files: Map<string, string>;
  /** The paths given, absolute: a referenced file must be one of them or inside one. */
  roots: string[];
}

/** Where the reference is written: the .tf (or .tf.json) file and the line of its resource. */
export interface ReferenceSite {
  file: string;
  line: number | null;
}

export type ReferencedDocument = { document: PolicyDocument; file: string; line: number } | { unresolved: string };

/** A policy file the walk read on its own, as one document: what it gave, to reuse rather than read again. */
export type WalkedPolicy = (shown: string) => PolicyRecord | undefined;

type Located = { shown: string } | { unresolved: string } | { problem: string; missing?: true };
type Parsed = { document: PolicyDocument; line: number } | { problem: string };

/** Where a referenced file's JSON goes wrong. The validator's words end with the character found there: the file's content, kept out. */
function malformed(parsed: { line: number; column: number; message: string }, shown: string): string {
  return `${shown} is not valid JSON (line ${parsed.line}, column ${parsed.column}: ${validatorWords(parsed)}); fix the file`;
}

function validatorWords(parsed: { message: string }): string {
  return parsed.message.replace(/^malformed JSON: /, '').replace(/, found .*$/s, '');
}

/** A template can be valid and its rendering not: the variables' values are in the text parsed. */
function malformedRendering(parsed: { line: number; message: string }, shown: string, rendered: RenderedTemplate): string {
  const line = rendered.templateLines?.[parsed.line - 1] ?? parsed.line;
  return `${shown} rendered with these variables is not valid JSON (at template line ${line}: ${validatorWords(parsed)}); Terraform puts a value in as it is, so check the quotes and braces in the values, or the template there`;
}

/** Statement lines in the rendered text moved back to the template's, where a value spans lines. */
function atTemplateLines(parsed: Parsed, rendered: RenderedTemplate): Parsed {
  const lines = rendered.templateLines;
  if (lines === null || 'problem' in parsed) return parsed;
  const at = (line: number) => lines[line - 1] ?? line;
  for (const statement of parsed.document.statements) if (statement.line !== null) statement.line = at(statement.line);
  return { document: parsed.document, line: at(parsed.line) };
}

/** Why a path Terraform takes from the folder it runs in is not read when it is not beside the .tf. */
function notBeside(path: string, file: string): string {
  return `${path} is not in ${dirname(file)}, where the linter looks; Terraform reads a path without \${path.module} from the folder it runs in, another one when this is a child module: lint the plan (terraform show -json) to check it, or write "\${path.module}/..." for a file beside the .tf`;
}

export class ReferencedFiles {
  /** Missing, unreadable and malformed referenced files, each named with the .tf line that reads it. */
  readonly errors: InputError[] = [];
  /** Shown paths of the files some policy was read from (their own plain-file records are then dropped). */
  readonly read = new Set<string>();
  /** Shown paths of the listed files templatefile() names: templates, which need not be JSON before they are rendered. */
  readonly templates = new Set<string>();
  private readonly located = new Map<string, Located>();
  private readonly texts = new Map<string, { text: string } | { problem: string }>();
  private readonly documents = new Map<string, Parsed>();
  private realRoots: string[] | undefined;

  /** `tree` is null for input read from memory, where no file is read. */
  constructor(
    private readonly tree: LintedTree | null,
    private readonly walked: WalkedPolicy,
  ) {}

  document(reference: FileReference, site: ReferenceSite, trust: boolean): ReferencedDocument {
    const where = this.where(reference, site);
    if ('unresolved' in where) return where;
    const { path, shown } = where;
    let parsed: Parsed | { unresolved: string };
    if (reference.vars === null) {
      const key = `${trust ? 'trust' : 'identity'}\u0000${path}`;
      parsed = this.documents.get(key) ?? this.fileDocument(path, shown, trust);
      this.documents.set(key, parsed);
    } else parsed = this.templateDocument(path, shown, reference.vars, trust);
    if ('unresolved' in parsed) return parsed;
    if ('problem' in parsed) return this.fail(site, reference, parsed.problem);
    this.read.add(shown);
    return { document: parsed.document, file: shown, line: parsed.line };
  }

  /** The JSON value a file (or rendered template) holds, for a document Terraform merges into another. */
  json(reference: FileReference, site: ReferenceSite): { value: unknown; file: string } | { unresolved: string } {
    const where = this.where(reference, site);
    if ('unresolved' in where) return where;
    const { path, shown } = where;
    const text = this.text(path, shown);
    if ('problem' in text) return this.fail(site, reference, text.problem);
    let rendered: RenderedTemplate | null = null;
    if (reference.vars !== null) {
      const template = renderTemplate(text.text, reference.vars);
      if ('rejected' in template) return this.fail(site, reference, `${shown}: ${template.rejected}`);
      if ('unresolved' in template) return { unresolved: `${template.unresolved} (${shown})` };
      rendered = template;
    }
    const parsed = parseJsonText(rendered?.text ?? text.text);
    if (!parsed.ok) return this.fail(site, reference, rendered === null ? malformed(parsed, shown) : malformedRendering(parsed, shown, rendered));
    this.read.add(shown);
    return { value: parsed.value, file: shown };
  }

  /** The listed file a reference names, checked once per path before anything is read; or why it is not read. */
  private where(reference: FileReference, site: ReferenceSite): { path: string; shown: string } | { unresolved: string } {
    const path = resolve(dirname(site.file), reference.path);
    let located = this.located.get(path);
    if (located === undefined) {
      located = this.locate(path, reference.path);
      this.located.set(path, located);
    }
    if ('problem' in located) {
      // Missing beside the .tf is a fault only where the .tf's folder is the one Terraform reads it from.
      if (located.missing && !reference.moduleRelative) return { unresolved: notBeside(reference.path, site.file) };
      return this.fail(site, reference, located.problem);
    }
    if ('unresolved' in located) return located;
    if (reference.vars !== null) this.templates.add(located.shown);
    return { path, shown: located.shown };
  }

  /** The walk has most policy files parsed already: their document is taken as it is when read the same way. */
  private fileDocument(path: string, shown: string, trust: boolean): Parsed {
    const walked = this.walked(shown);
    if (walked?.document && walked.origin.line !== null && (walked.kind === 'trust') === trust) return { document: walked.document, line: walked.origin.line };
    const text = this.text(path, shown);
    return 'problem' in text ? text : this.parse(text.text, shown, trust);
  }

  private templateDocument(path: string, shown: string, vars: Record<string, unknown>, trust: boolean): Parsed | { unresolved: string } {
    const text = this.text(path, shown);
    if ('problem' in text) return text;
    const rendered = renderTemplate(text.text, vars);
    if ('rejected' in rendered) return { problem: `${shown}: ${rendered.rejected}` };
    if ('unresolved' in rendered) return { unresolved: `${rendered.unresolved} (${shown})` };
    // A template's documents differ by their variables: keyed by the rendered text.
    const key = `${trust ? 'trust' : 'identity'}\u0000${path}\u0000${rendered.text}`;
    let parsed = this.documents.get(key);
    if (parsed === undefined) {
      const json = parseJsonText(rendered.text);
      parsed = json.ok ? atTemplateLines(wholeTextDocument(rendered.text, json.value, trust), rendered) : { problem: malformedRendering(json, shown, rendered) };
      this.documents.set(key, parsed);
    }
    return parsed;
  }

  private fail(site: ReferenceSite, reference: FileReference, problem: string): { unresolved: string } {
    const message = `${reference.written}: ${problem}`;
    if (!this.errors.some((e) => e.file === site.file && e.line === site.line && e.message === message)) {
      this.errors.push({ file: site.file, line: site.line, column: null, message });
    }
    return { unresolved: 'the file could not be read (reported as an input error)' };
  }

  private parse(text: string, shown: string, trust: boolean): Parsed {
    const parsed = parseJsonText(text);
    if (!parsed.ok) return { problem: malformed(parsed, shown) };
    return wholeTextDocument(text, parsed.value, trust);
  }

  private text(path: string, shown: string): { text: string } | { problem: string } {
    let text = this.texts.get(path);
    if (text === undefined) {
      try {
        text = { text: stripBom(readFileSync(path, 'utf8')) };
      } catch (error) {
        text = { problem: `${shown} cannot be read: ${describeFsError(error)}` };
      }
      this.texts.set(path, text);
    }
    return text;
  }

  /** Which listed file a path is, checked before anything is read; or why it is not read. */
  private locate(path: string, written: string): Located {
    const tree = this.tree;
    if (tree === null) return { unresolved: `${written} is not read: the input was given in memory, not as files` };
    if (!tree.roots.some((root) => isWithin(path, root))) {
      return { unresolved: `${written} is outside the paths being linted, so it is not read; lint a folder that holds it to check it` };
    }
    const shown = tree.files.get(path);
    if (shown === undefined) {
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problem: `${written} does not exist; add the file or fix the path`, missing: true };
        return { problem: `${written} cannot be read: ${describeFsError(error)}` };
      }
      if (this.leadsOutside(path, tree)) return { unresolved: `${written} is a link to a file outside the paths being linted, so it is not read` };
      if (!stats.isFile()) return { problem: `${written} is ${stats.isDirectory() ? 'a folder' : kindOf(stats)}, not a file; Terraform cannot read it either, so fix the path` };
      return { unresolved: `${written} is in a folder the linter skips (node_modules, .terraform, .git), so it is not read` };
    }
    // A link inside the tree may lead anywhere: its target must be inside too.
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      return { problem: `${shown} cannot be read: ${describeFsError(error)}` };
    }
    if (!this.realRootsOf(tree).some((root) => isWithin(real, root))) return { unresolved: `${shown} is a link to a file outside the paths being linted, so it is not read` };
    return { shown };
  }

  /** A link the walk did not follow: where it leads, if it resolves at all. */
  private leadsOutside(path: string, tree: LintedTree): boolean {
    try {
      const real = realpathSync(path);
      return !this.realRootsOf(tree).some((root) => isWithin(real, root));
    } catch {
      return false;
    }
  }

  private realRootsOf(tree: LintedTree): string[] {
    this.realRoots ??= tree.roots.flatMap((root) => {
      try {
        return [realpathSync(root)];
      } catch {
        return [];
      }
    });
    return this.realRoots;
  }
}
