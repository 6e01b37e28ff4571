/**
 * Lines of JSON values by JSON pointer, in one pass over text that JSON.parse already accepted.
 * A generic position-keeping parser is far slower than JSON.parse; this scanner only follows
 * strings, brackets and newlines, and builds pointers only down to `maxDepth`. Below that depth
 * (most of a policy file: the insides of its statements) it only counts brackets and newlines and
 * jumps over strings with indexOf. The same pass counts the white space outside strings, so a
 * policy's size (what IAM counts against its quota) needs no second pass.
 */
import { closingQuote } from '../model/json-string-end';

/** Escape one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  const text = String(segment);
  // Most keys need no escaping: skip the two regular expressions for them.
  if (text.indexOf('~') === -1 && text.indexOf('/') === -1) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}

/** An open array or object whose children are recorded (it sits above maxDepth). */
interface Frame {
  array: boolean;
  pointer: string;
  /** Next element index (arrays). */
  index: number;
  /** The key just read (objects). */
  key: string;
  expectKey: boolean;
}

export interface JsonLayout {
  /** Pointer ("" for the root) -> 1-based line where that value starts, down to maxDepth. */
  lines: Map<string, number>;
  /** Length of the text without white space outside strings (how IAM sizes a policy). */
  compactLength: number;
}

/**
 * Map from pointer ("" for the root) to the 1-based line where that value starts, for every value
 * at depth <= maxDepth (the root is depth 0). Text must be valid JSON.
 */
export function valueLines(text: string, maxDepth: number): Map<string, number> {
  return jsonLayout(text, maxDepth).lines;
}

/** Lines and white space counted so far: the walk below a frame adds to them. */
interface Tally {
  line: number;
  blanks: number;
}

/**
 * Walks an array or object whose insides are not recorded (the bulk of most files) to its end, in a
 * loop small enough to be optimised early: `from` is just after its opening bracket; returns the
 * index just after its closing one (or the text's length).
 */
function skipContainer(text: string, from: number, tally: Tally): number {
  let depth = 1;
  let line = 0;
  let blanks = 0;
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i++);
    if (c <= 32) {
      blanks++;
      if (c === 10) line++;
    } else if (c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close === -1) {
        i = n;
        break;
      }
      i = close + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if ((c === 125 /* } */ || c === 93) /* ] */ && --depth === 0) break;
  }
  tally.line += line;
  tally.blanks += blanks;
  return i;
}

/** Lines of values down to maxDepth, and the compact length, in one pass. Text must be valid JSON. */
export function jsonLayout(text: string, maxDepth: number): JsonLayout {
  const lines = new Map<string, number>();
  const frames: Frame[] = [];
  const tally: Tally = { line: 1, blanks: 0 };
  const n = text.length;
  const record = (): string => {
    const top = frames[frames.length - 1];
    const at = top === undefined ? '' : top.array ? `${top.pointer}/${top.index++}` : `${top.pointer}/${pointerSegment(top.key)}`;
    lines.set(at, tally.line);
    return at;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i++);
    if (c <= 32) {
      // Valid JSON has only white space here, and none of it inside a string (they are jumped).
      tally.blanks++;
      if (c === 10) tally.line++;
    } else if (c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close === -1) break;
      const top = frames[frames.length - 1];
      if (top !== undefined && top.expectKey) {
        top.expectKey = false;
        const raw = text.slice(i, close);
        top.key = raw.includes('\\') ? (JSON.parse(text.slice(i - 1, close + 1)) as string) : raw;
      } else record();
      i = close + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const at = record();
      if (frames.length < maxDepth) frames.push({ array: c === 91, pointer: at, index: 0, key: '', expectKey: c === 123 });
      else i = skipContainer(text, i, tally);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      frames.pop();
    } else if (c === 44 /* , */) {
      const top = frames[frames.length - 1];
      if (top !== undefined && !top.array) top.expectKey = true;
    } else if (c !== 58 /* : */) {
      // A number, true, false or null: record it, then skip to its end.
      record();
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d <= 32 || d === 44 || d === 125 || d === 93) break;
        i++;
      }
    }
  }
  return { lines, compactLength: n - tally.blanks };
}
