/**
 * Lines of JSON values by JSON pointer, in one pass over text that JSON.parse already accepted.
 * A generic position-keeping parser is far slower than JSON.parse; this scanner only follows
 * strings, brackets and newlines, and builds pointers only down to `maxDepth`, so it costs about
 * one read of the text.
 */

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

/** True when the quote at `at` is preceded by an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

interface Frame {
  array: boolean;
  pointer: string;
  /** Next element index (arrays) or the key just read (objects). */
  index: number;
  key: string;
  expectKey: boolean;
}

/**
 * Map from pointer ("" for the root) to the 1-based line where that value starts, for every value
 * at depth <= maxDepth (the root is depth 0). Text must be valid JSON.
 */
export function valueLines(text: string, maxDepth: number): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let line = 1;
  const n = text.length;
  const childPointer = (): string | null => {
    if (stack.length > maxDepth) return null;
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    return top.array ? `${top.pointer}/${top.index++}` : `${top.pointer}/${pointerSegment(top.key)}`;
  };
  const valueStart = (): string | null => {
    const p = childPointer();
    if (p !== null) lines.set(p, line);
    return p;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
    } else if (c === 34) {
      // Valid JSON has no raw newline in a string: jump to the closing quote (one not escaped).
      const start = i;
      i = text.indexOf('"', i + 1);
      while (i !== -1 && isEscaped(text, i)) i = text.indexOf('"', i + 1);
      if (i === -1) break;
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array && top.expectKey) {
        top.expectKey = false;
        if (stack.length <= maxDepth) {
          const raw = text.slice(start + 1, i);
          top.key = raw.includes('\\') ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
        }
      } else valueStart();
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const p = valueStart();
      stack.push({ array: c === 91, pointer: p ?? '', index: 0, key: '', expectKey: c === 123 });
    } else if (c === 125 || c === 93) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array) top.expectKey = true;
    } else if (c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110) {
      // number, true, false, null: record once, then skip to its end.
      valueStart();
      while (i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d === 44 || d === 125 || d === 93 || d === 10 || d === 32 || d === 9 || d === 13) break;
        i++;
      }
    }
  }
  return lines;
}
