/**
 * JSON text in, value out, parsed once. A byte order mark is tolerated; a syntax error names
 * the line and column (1-based) so the reader can fix the file.
 */
import { findJsonSyntaxProblem } from './json-syntax';

export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** `text` must already be without its BOM, so offsets match what the user's editor shows. */
export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    if (problem !== null) return { ok: false, ...lineAndColumn(text, problem.offset), message: `malformed JSON: ${problem.message}` };
    // JSON.parse and the validator disagree (should not happen): fall back to Node's words.
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const at = lineAndColumn(text, position ? Number(position[1]) : text.length);
    return { ok: false, ...at, message: `malformed JSON: ${message.slice(0, 200)}` };
  }
}
