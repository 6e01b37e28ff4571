/**
 * Lines of JSON values by JSON pointer, in one pass over text that JSON.parse already accepted.
 * A generic position-keeping parser is far slower than JSON.parse; this scanner only follows
 * strings, brackets and newlines, and builds pointers only down to `maxDepth`. Below that depth
 * (most of a policy file: the insides of its statements) it only walks to the end of each value
 * (json-scan.ts). A file that is one policy document has its own, narrower walk (policy-layout.ts).
 */
import { closingQuote } from '../model/json-string-end';
import { readKey, skipContainer, skipLiteral, type Tally } from './json-scan';

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

/**
 * Map from pointer ("" for the root) to the 1-based line where that value starts, for every value
 * at depth <= maxDepth (the root is depth 0). Text must be valid JSON.
 */
export function valueLines(text: string, maxDepth: number): Map<string, number> {
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
      if (c === 10) tally.line++;
    } else if (c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close === -1) break;
      const top = frames[frames.length - 1];
      if (top !== undefined && top.expectKey) {
        top.expectKey = false;
        top.key = readKey(text, i - 1, close);
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
      i = skipLiteral(text, i - 1);
    }
  }
  return lines;
}
