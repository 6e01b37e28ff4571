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
import { isHclFile } from './formats';
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

/** Why a referenced file gives no policy. `own`: the fault is the file's, at its own place there (malformed, unreadable), not the .tf's. */
type Problem = { problem: string; own?: { line: number | null; column: number | null } };
type Located = { shown: string } | { unresolved: string } | (Problem & { missing?: true });
type Parsed = { document: PolicyDocument; line: number } | Problem;

/** Why a policy read from a file is not checked when that file is reported as an input error: no "not checked" note repeats it. */
export const REPORTED_AS_INPUT_ERROR = 'the file could not be read (reported as an input error)';

/** At most this many other places that read a faulty file are named in its one error. */
const OTHER_READERS_SHOWN = 3;

/** Where a referenced file's JSON goes wrong. The validator's words end with the character found there: the file's content, kept out. */
function malformed(parsed: { line: number; column: number; message: string }): Problem {
  return { problem: `malformed JSON: ${validatorWords(parsed)}`, own: { line: parsed.line, column: parsed.column } };
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
  /** Shown paths of listed files whose own fault is reported here, naming who reads them: the walk's report of them is dropped. */
  readonly faulty = new Set<string>();
  /** Shown paths of the files some policy was read from (their own plain-file records are then dropped). */
  readonly read = new Set<string>();
  /** Shown paths of the listed files templatefile() names: templates, which need not be JSON before they are rendered. */
  readonly templates = new Set<string>();
  private readonly located = new Map<string, Located>();
  private readonly texts = new Map<string, { text: string } | Problem>();
  /** One error per faulty file (or path), however many places read it; the places after the first are named in it. */
  private readonly problems = new Map<string, { first: string; error: InputError; others: string[] }>();
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
    if ('problem' in parsed) return this.fail(site, reference, parsed, { shown });
    this.read.add(shown);
    return { document: parsed.document, file: shown, line: parsed.line };
  }

  /** The JSON value a file (or rendered template) holds, for a document Terraform merges into another. */
  json(reference: FileReference, site: ReferenceSite): { value: unknown; file: string } | { unresolved: string } {
    const where = this.where(reference, site);
    if ('unresolved' in where) return where;
    const { path, shown } = where;
    const text = this.text(path);
    if ('problem' in text) return this.fail(site, reference, text, { shown });
    let rendered: RenderedTemplate | null = null;
    if (reference.vars !== null) {
      const template = renderTemplate(text.text, reference.vars);
      if ('rejected' in template) return this.fail(site, reference, { problem: `${shown}: ${template.rejected}` }, null);
      if ('unresolved' in template) return { unresolved: `${template.unresolved} (${shown})` };
      rendered = template;
    }
    const parsed = parseJsonText(rendered?.text ?? text.text);
    if (!parsed.ok) return this.fail(site, reference, rendered === null ? malformed(parsed) : { problem: malformedRendering(parsed, shown, rendered) }, { shown });
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
      return this.fail(site, reference, located, { path });
    }
    if ('unresolved' in located) return located;
    if (reference.vars !== null) this.templates.add(located.shown);
    return { path, shown: located.shown };
  }

  /** The walk has most policy files parsed already: their document is taken as it is when read the same way. */
  private fileDocument(path: string, shown: string, trust: boolean): Parsed {
    const walked = this.walked(shown);
    if (walked?.document && walked.origin.line !== null && (walked.kind === 'trust') === trust) return { document: walked.document, line: walked.origin.line };
    const text = this.text(path);
    return 'problem' in text ? text : this.parse(text.text, trust);
  }

  private templateDocument(path: string, shown: string, vars: Record<string, unknown>, trust: boolean): Parsed | { unresolved: string } {
    const text = this.text(path);
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

  /** Missing, unreadable and malformed referenced files, one error each; a template's rendering, one per place that renders it. */
  get errors(): InputError[] {
    return [...this.problems.values()].map(({ error, others }) => {
      if (others.length === 0) return error;
      const more = others.length > OTHER_READERS_SHOWN ? ` and ${others.length - OTHER_READERS_SHOWN} more` : '';
      return { ...error, message: `${error.message} (also read at ${others.slice(0, OTHER_READERS_SHOWN).join(', ')}${more})` };
    });
  }

  /**
   * Reports why a reference gives no policy, once: a file's own fault (malformed, unreadable) at its
   * own place, naming the .tf that reads it, where an editor jumps to the fix; a path's (missing, a
   * folder) once per path at the first .tf line naming it; a rendering at each place that renders.
   * `subject`: the file read (its shown path), or the path a reference names (absolute).
   */
  private fail(site: ReferenceSite, reference: FileReference, problem: Problem, subject: { shown: string } | { path: string } | null): { unresolved: string } {
    const at = site.line === null ? site.file : `${site.file}:${site.line}`;
    // A .tf named by file() is no JSON file gone wrong: it is read as HCL, with its own faults, and the fault is the reference's.
    const own = problem.own !== undefined && subject !== null && 'shown' in subject && !isHclFile(subject.shown) ? { file: subject.shown, ...problem.own } : null;
    const key = own !== null ? `own\u0000${own.file}` : subject !== null && 'path' in subject ? `path\u0000${subject.path}` : `site\u0000${at}\u0000${problem.problem}`;
    const known = this.problems.get(key);
    if (known !== undefined) {
      if (known.first !== at && !known.others.includes(at)) known.others.push(at);
    } else if (own !== null) {
      this.faulty.add(own.file);
      this.problems.set(key, { first: at, error: { ...own, message: `${problem.problem}; ${at} reads it as a policy with ${reference.written}, so fix the file` }, others: [] });
    } else {
      const json = problem.own?.line != null && subject !== null && 'shown' in subject;
      const why = json ? `${subject.shown} is not JSON, and Terraform gives the policy its text as it is (line ${problem.own?.line}, column ${problem.own?.column}: ${problem.problem.replace(/^malformed JSON: /, '')}); fix the path` : problem.problem;
      this.problems.set(key, { first: at, error: { file: site.file, line: site.line, column: null, message: `${reference.written}: ${why}` }, others: [] });
    }
    return { unresolved: REPORTED_AS_INPUT_ERROR };
  }

  private parse(text: string, trust: boolean): Parsed {
    const parsed = parseJsonText(text);
    if (!parsed.ok) return malformed(parsed);
    return wholeTextDocument(text, parsed.value, trust);
  }

  private text(path: string): { text: string } | Problem {
    let text = this.texts.get(path);
    if (text === undefined) {
      try {
        text = { text: stripBom(readFileSync(path, 'utf8')) };
      } catch (error) {
        text = { problem: `cannot read: ${describeFsError(error)}`, own: { line: null, column: null } };
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
