/**
 * Evaluates `jsonencode(<HCL literal>)`, the way about half of real Terraform writes policies
 * (hcl2json and cdktf both leave it as `${jsonencode({...})}` text). Objects, tuples, strings,
 * numbers, booleans and null are evaluated; anything else (a reference, a function call, a for
 * expression, a conditional) becomes an opaque `${...}` token with its source text.
 */

import { unescapeTemplate } from '../model/terraform-string';

class HclSyntaxError extends Error {}

const DELIMITERS = new Set([',', '}', ']', ')', '\n']);

class LiteralParser {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new HclSyntaxError(`${what} at offset ${this.pos}`);
  }

  /** Skip spaces, tabs, comments and (when allowed) newlines. */
  skipSpace(newlines: boolean): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && s[this.pos + 1] === '/')) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        this.pos = end === -1 ? s.length : end + 2;
      } else break;
    }
  }

  /** Skip a quoted string starting at pos, including templates with nested strings. */
  skipString(): void {
    const s = this.s;
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return;
      } else if ((c === '$' || c === '%') && s[this.pos + 1] === '{') {
        if (s[this.pos - 1] === c) {
          this.pos += 2; // $${ and %%{ are escapes, not templates
          continue;
        }
        this.pos += 2;
        this.skipUntil('}');
        this.pos++;
      } else this.pos++;
    }
    this.fail('unterminated string');
  }

  /** Advance to the `close` that balances at depth 0, skipping strings and nested brackets. */
  skipUntil(close: string): void {
    const s = this.s;
    const stack: string[] = [];
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (stack.length === 0 && c === close) return;
      if (c === '"') {
        this.skipString();
        continue;
      }
      if (c === '(') stack.push(')');
      else if (c === '[') stack.push(']');
      else if (c === '{') stack.push('}');
      else if (c === ')' || c === ']' || c === '}') {
        if (stack.pop() !== c) this.fail(`unbalanced "${c}"`);
      }
      this.pos++;
    }
    this.fail(`missing "${close}"`);
  }

  /** Source text of a non-literal expression, up to the delimiter that ends it. */
  opaque(start: number): string {
    const s = this.s;
    this.pos = start;
    const stack: string[] = [];
    while (this.pos < s.length) {
      const c = s[this.pos] as string;
      if (stack.length === 0 && DELIMITERS.has(c)) break;
      if (c === '"') {
        this.skipString();
        continue;
      }
      if (c === '<' && s.startsWith('<<', this.pos) && stack.length === 0) {
        this.heredoc();
        continue;
      }
      if (c === '(') stack.push(')');
      else if (c === '[') stack.push(']');
      else if (c === '{') stack.push('}');
      else if (c === ')' || c === ']' || c === '}') {
        if (stack.pop() !== c) this.fail(`unbalanced "${c}"`);
      }
      this.pos++;
    }
    const text = s.slice(start, this.pos).trim();
    if (text === '') this.fail('expected a value');
    return '${' + text + '}';
  }

  /** True when the value just read ends the expression (nothing like `== x` or `[0]` follows). */
  atValueEnd(): boolean {
    const save = this.pos;
    this.skipSpace(false);
    const c = this.s[this.pos];
    const ended = c === undefined || DELIMITERS.has(c) || c === '#' || (c === '/' && this.s[this.pos + 1] === '/');
    this.pos = save;
    return ended;
  }

  value(): unknown {
    this.skipSpace(true);
    const start = this.pos;
    const s = this.s;
    const c = s[this.pos];
    let result: unknown;
    if (c === '{' && !/^\{\s*for\s/.test(s.slice(this.pos, this.pos + 10))) result = this.object();
    else if (c === '[' && !/^\[\s*for\s/.test(s.slice(this.pos, this.pos + 10))) result = this.tuple();
    else if (c === '"') result = this.string();
    else if (c === '<' && s.startsWith('<<', this.pos)) result = this.heredoc();
    else {
      const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![A-Za-z0-9_.(-])/.exec(s.slice(this.pos, this.pos + 64));
      if (word === null) return this.opaque(start);
      this.pos += word[0].length;
      result = word[0] === 'true' ? true : word[0] === 'false' ? false : word[0] === 'null' ? null : Number(word[0]);
    }
    return this.atValueEnd() ? result : this.opaque(start);
  }

  object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    for (;;) {
      this.skipSpace(true);
      const c = this.s[this.pos];
      if (c === '}') {
        this.pos++;
        return out;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      let key: string;
      if (c === '"') key = this.string();
      else if (c === '(') {
        const start = this.pos;
        this.pos++;
        this.skipUntil(')');
        this.pos++;
        key = '${' + this.s.slice(start + 1, this.pos - 1).trim() + '}';
      } else {
        const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.pos, this.pos + 256));
        if (m === null) this.fail('expected an object key');
        key = m[0];
        this.pos += key.length;
      }
      this.skipSpace(false);
      const sep = this.s[this.pos];
      if (sep !== '=' && sep !== ':') this.fail('expected "=" or ":" after an object key');
      this.pos++;
      out[key] = this.value();
    }
  }

  tuple(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace(true);
      const c = this.s[this.pos];
      if (c === ']') {
        this.pos++;
        return out;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === undefined) this.fail('missing "]"');
      out.push(this.value());
    }
  }

  /** A quoted template: escapes decoded, `${...}` and `%{...}` kept as written. */
  string(): string {
    const s = this.s;
    let out = '';
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos] as string;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = s[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
        } else if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          const hex = s.slice(this.pos + 2, this.pos + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail('bad unicode escape');
          out += String.fromCodePoint(parseInt(hex, 16));
          this.pos += 2 + len;
        } else this.fail('bad escape');
      } else if ((c === '$' || c === '%') && s[this.pos + 1] === c && s[this.pos + 2] === '{') {
        out += c + '{'; // $${ is a literal ${ (how HCL writes IAM policy variables)
        this.pos += 3;
      } else if ((c === '$' || c === '%') && s[this.pos + 1] === '{') {
        const start = this.pos;
        this.pos += 2;
        this.skipUntil('}');
        this.pos++;
        out += s.slice(start, this.pos);
      } else {
        out += c;
        this.pos++;
      }
    }
    this.fail('unterminated string');
  }

  heredoc(): string {
    const s = this.s;
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(s.slice(this.pos, this.pos + 300));
    if (m === null || m[2] === undefined) this.fail('bad heredoc');
    this.pos += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= s.length) this.fail(`heredoc ${m[2]} is not closed`);
      const end = s.indexOf('\n', this.pos);
      const line = s.slice(this.pos, end === -1 ? s.length : end).replace(/\r$/, '');
      this.pos = end === -1 ? s.length : end + 1;
      if (line.trim() === m[2]) break;
      lines.push(line);
    }
    if (this.s[this.pos - 1] === '\n') this.pos--; // leave the newline as the value's delimiter
    let body = lines;
    if (m[1] === '-') {
      // A loop, not Math.min(...): a heredoc of 130,000+ lines would overflow the stack as arguments.
      let indent = Infinity;
      for (const l of lines) if (l.trim() !== '') indent = Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0);
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
    }
    return unescapeTemplate(body.map((l) => l + '\n').join(''));
  }
}

/**
 * The arguments of a call to `name` whose whole expression (the inside of `${...}`) is that call,
 * each evaluated as a literal (non-literal arguments become opaque `${...}` tokens); undefined when
 * the expression is another call or is not valid HCL.
 */
export function literalCallArguments(expression: string, name: string): unknown[] | undefined {
  if (!expression.startsWith(name)) return undefined;
  const parser = new LiteralParser(expression);
  parser.pos = name.length;
  parser.skipSpace(false);
  if (expression[parser.pos] !== '(') return undefined;
  parser.pos++;
  const args: unknown[] = [];
  try {
    parser.skipSpace(true);
    while (expression[parser.pos] !== ')') {
      args.push(parser.value());
      parser.skipSpace(true);
      if (expression[parser.pos] === ',') {
        parser.pos++;
        parser.skipSpace(true);
      } else if (expression[parser.pos] !== ')') return undefined;
    }
    parser.pos++;
    parser.skipSpace(true);
    return parser.pos === expression.length ? args : undefined;
  } catch (error) {
    if (error instanceof HclSyntaxError) return undefined;
    throw error;
  }
}

/**
 * The value of `jsonencode(...)` for an expression (the inside of `${...}`); undefined when the
 * expression is not a jsonencode call of one value or is not valid HCL.
 */
export function evaluateJsonencode(expression: string): unknown {
  const args = literalCallArguments(expression, 'jsonencode');
  return args?.length === 1 ? args[0] : undefined;
}
