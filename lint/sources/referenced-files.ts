/**
 * The policy files Terraform configuration reads with file() and templatefile(). A pull request's
 * .tf may name any path, so only files the run lints anyway are read: listed by the walk under the
 * paths given (no skipped folder, no pipe), and whose real path, links followed, is still inside one
 * of them. Anything else stays unchecked, with why. Messages name paths, never a file's content.
 * Each file is read and parsed once per run, however many resources name it.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { PolicyDocument } from '../model/types';
import type { FileReference } from './file-reference';
import { parseJsonText, stripBom } from './json-text';
import { wholeTextDocument } from './policy-file';
import type { InputError } from './read-result';
import { renderTemplate } from './template-render';
import { describeFsError } from './walk';

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

type Loaded = { text: string; shown: string } | { unresolved: string } | { problem: string };

function within(path: string, root: string): boolean {
  const inside = relative(root, path);
  return inside.split(sep)[0] !== '..' && !isAbsolute(inside);
}

export class ReferencedFiles {
  /** Missing, unreadable and malformed referenced files, each named with the .tf line that reads it. */
  readonly errors: InputError[] = [];
  /** Shown paths of the files some policy was read from (their own plain-file records are then dropped). */
  readonly read = new Set<string>();
  private readonly loaded = new Map<string, Loaded>();
  private readonly documents = new Map<string, { document: PolicyDocument; line: number } | { problem: string }>();
  private realRoots: string[] | undefined;

  /** `tree` is null for input read from memory, where no file is read. */
  constructor(private readonly tree: LintedTree | null) {}

  document(reference: FileReference, site: ReferenceSite, trust: boolean): ReferencedDocument {
    const path = resolve(dirname(site.file), reference.path);
    const loaded = this.load(path, reference.path);
    if ('unresolved' in loaded) return loaded;
    if ('problem' in loaded) return this.fail(site, reference, loaded.problem);
    let text = loaded.text;
    if (reference.vars !== null) {
      const rendered = renderTemplate(text, reference.vars);
      if ('unresolved' in rendered) return { unresolved: `${rendered.unresolved} (${loaded.shown})` };
      text = rendered.text;
    }
    // A template's documents differ by their variables: keyed by the rendered text.
    const key = `${trust ? 'trust' : 'identity'}\u0000${path}${reference.vars === null ? '' : `\u0000${text}`}`;
    let parsed = this.documents.get(key);
    if (parsed === undefined) {
      parsed = this.parse(text, loaded.shown, trust);
      this.documents.set(key, parsed);
    }
    if ('problem' in parsed) return this.fail(site, reference, parsed.problem);
    this.read.add(loaded.shown);
    return { document: parsed.document, file: loaded.shown, line: parsed.line };
  }

  private fail(site: ReferenceSite, reference: FileReference, problem: string): ReferencedDocument {
    const message = `${reference.written}: ${problem}`;
    if (!this.errors.some((e) => e.file === site.file && e.line === site.line && e.message === message)) {
      this.errors.push({ file: site.file, line: site.line, column: null, message });
    }
    return { unresolved: 'the file could not be read (reported as an input error)' };
  }

  private parse(text: string, shown: string, trust: boolean): { document: PolicyDocument; line: number } | { problem: string } {
    const parsed = parseJsonText(text);
    // The validator's words end with the character found there: the file's content, kept out of messages.
    if (!parsed.ok) return { problem: `${shown} is not valid JSON (line ${parsed.line}, column ${parsed.column}: ${parsed.message.replace(/^malformed JSON: /, '').replace(/, found .*$/s, '')}); fix the file` };
    return wholeTextDocument(text, parsed.value, trust);
  }

  private load(path: string, written: string): Loaded {
    let loaded = this.loaded.get(path);
    if (loaded === undefined) {
      loaded = this.loadOnce(path, written);
      this.loaded.set(path, loaded);
    }
    return loaded;
  }

  private loadOnce(path: string, written: string): Loaded {
    const tree = this.tree;
    if (tree === null) return { unresolved: `${written} is not read: the input was given in memory, not as files` };
    const outside = { unresolved: `${written} is outside the paths being linted, so it is not read; lint a folder that holds it to check it` };
    if (!tree.roots.some((root) => within(path, root))) return outside;
    const shown = tree.files.get(path);
    if (shown === undefined) {
      try {
        lstatSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problem: `${written} does not exist; add the file or fix the path` };
        return { problem: `${written} cannot be read: ${describeFsError(error)}` };
      }
      return { unresolved: `${written} is not among the files linted (a folder the linter skips, such as node_modules or .terraform, or not a regular file), so it is not read` };
    }
    // A link inside the tree may lead anywhere: its target must be inside too.
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      return { problem: `${shown} cannot be read: ${describeFsError(error)}` };
    }
    if (!this.realRootsOf(tree).some((root) => within(real, root))) return { unresolved: `${shown} is a link to a file outside the paths being linted, so it is not read` };
    try {
      return { text: stripBom(readFileSync(path, 'utf8')), shown };
    } catch (error) {
      return { problem: `${shown} cannot be read: ${describeFsError(error)}` };
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
