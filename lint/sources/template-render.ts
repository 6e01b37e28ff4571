/**
 * A `templatefile()` template rendered the way Terraform would, for the one case the input alone
 * decides: every interpolation is a plain `${name}` and the map gives that name a literal. Escapes
 * (`$${`, `%%{`) become their characters; directives (`%{ if }`, `%{ for }`) are not evaluated, so a
 * template with one stays unrendered, as does one whose values only Terraform knows.
 */
import { mapTemplateText } from '../model/terraform-string';

const INTERPOLATION = /\$\{([^}]*)\}/g;
const PLAIN_NAME = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

/** The rendered text, or why it cannot be rendered without Terraform. */
export function renderTemplate(template: string, vars: Record<string, unknown>): { text: string } | { unresolved: string } {
  let why: string | null = null;
  const text = mapTemplateText(template, (piece) => {
    if (why !== null) return piece;
    if (piece.includes('%{')) {
      why = 'the template has %{ } directives, which the linter does not evaluate';
      return piece;
    }
    const rendered = piece.replace(INTERPOLATION, (whole, inner: string) => {
      const name = PLAIN_NAME.exec(inner)?.[1];
      if (name === undefined) {
        why ??= `the template interpolates an expression (${whole.length > 60 ? `${whole.slice(0, 59)}…` : whole}), not a plain variable`;
        return whole;
      }
      const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value === 'string' && !value.includes('${') && !value.includes('%{')) return value;
      why ??=
        value === undefined
          ? `the template uses \${${name}}, which its variables do not give (Terraform fails on it)`
          : `the template's \${${name}} is given ${typeof value === 'string' ? value : 'a value that is not a string'}, which only Terraform evaluates`;
      return whole;
    });
    if (why === null && rendered.includes('${')) why = 'the template has a ${ that is never closed (Terraform fails on it)';
    return rendered;
  });
  return why === null ? { text } : { unresolved: why };
}
