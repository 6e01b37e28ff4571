/**
 * A `templatefile()` template rendered the way Terraform would, for the one case the input alone
 * decides: every interpolation is a plain `${name}` and the map gives that name a literal. Escapes
 * (`$${`, `%%{`) become their characters; directives (`%{ if }`, `%{ for }`) are not evaluated, so a
 * template with one stays unrendered, as does one whose values only Terraform knows.
 */
import { mapTemplateText } from '../model/terraform-string';

const INTERPOLATION = /\$\{([^}]*)\}/g;
const PLAIN_NAME = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/;
/** `${aws:username}`: an IAM policy variable, which in a template is an interpolation HCL cannot parse. */
const POLICY_VARIABLE = /^[A-Za-z0-9.-]+:[A-Za-z0-9_.:/-]+$/;

export interface RenderedTemplate {
  text: string;
  /**
   * The template's line for each line of the text (index 0 is line 1), when a value spans lines
   * and moves what follows it; null when every line is where it is in the template.
   */
  templateLines: readonly number[] | null;
}

function newlines(text: string, end = text.length): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Whether a variable's value is known from the .tf: no interpolation, or only policy variables,
 * which it can hold only as written escaped (`"$${aws:username}"`: HCL fails on it unescaped).
 */
function literalValue(value: string): boolean {
  if (value.includes('%{')) return false;
  for (const [, inner] of value.matchAll(INTERPOLATION)) if (!POLICY_VARIABLE.test((inner ?? '').trim())) return false;
  // A `${` left after the whole interpolations is one never closed: not a literal.
  return !value.replace(INTERPOLATION, '').includes('${');
}

/** Line i + 1 of the rendered text -> its template line, given the lines each template line gained. */
function lineMap(templateLineCount: number, gained: ReadonlyMap<number, number>): number[] {
  const lines: number[] = [];
  for (let line = 1; line <= templateLineCount; line++) {
    // A value's own lines, and the rest of the template line after it, are reported at the interpolation.
    for (let i = 0; i <= (gained.get(line) ?? 0); i++) lines.push(line);
  }
  return lines;
}

/**
 * The rendered text; or why it cannot be rendered without Terraform (unresolved); or why Terraform
 * fails on it (rejected).
 */
export function renderTemplate(template: string, vars: Record<string, unknown>): RenderedTemplate | { unresolved: string } | { rejected: string } {
  let why: string | null = null;
  let rejected: string | null = null;
  // The template line each piece starts on; literal pieces (escapes) hold no line break.
  let line = 1;
  const gained = new Map<number, number>();
  const text = mapTemplateText(template, (piece) => {
    const pieceLine = line;
    line += newlines(piece);
    if (why !== null) return piece;
    if (piece.includes('%{')) {
      why = 'the template has %{ } directives, which the linter does not evaluate';
      return piece;
    }
    const rendered = piece.replace(INTERPOLATION, (whole, inner: string, offset: number) => {
      const name = PLAIN_NAME.exec(inner)?.[1];
      if (name === undefined && POLICY_VARIABLE.test(inner.trim())) {
        rejected ??= `the template has ${whole}, which templatefile() reads as an interpolation and Terraform fails on ("Extra characters after interpolation expression"); write $${whole} for the policy variable`;
        why ??= rejected;
        return whole;
      }
      if (name === undefined) {
        why ??= `the template interpolates an expression (${whole.length > 60 ? `${whole.slice(0, 59)}…` : whole}), not a plain variable`;
        return whole;
      }
      const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value === 'string' && literalValue(value)) {
        const spans = newlines(value);
        if (spans > 0) {
          const at = pieceLine + newlines(piece, offset);
          gained.set(at, (gained.get(at) ?? 0) + spans);
        }
        return value;
      }
      why ??=
        value === undefined
          ? `the template uses \${${name}}, which its variables do not give (Terraform fails on it)`
          : `the template's \${${name}} is given ${typeof value === 'string' ? value : 'a value that is not a string'}, which only Terraform evaluates`;
      return whole;
    });
    // Checked on the template: a value put in may hold `${aws:username}`.
    if (why === null && piece.replace(INTERPOLATION, '').includes('${')) why = 'the template has a ${ that is never closed (Terraform fails on it)';
    return rendered;
  });
  if (rejected !== null) return { rejected };
  if (why !== null) return { unresolved: why };
  return { text, templateLines: gained.size === 0 ? null : lineMap(line, gained) };
}
