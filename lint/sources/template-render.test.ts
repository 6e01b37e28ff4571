import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template-render';

describe('renderTemplate', () => {
  it('substitutes plain variables with literal strings, numbers and booleans, and keeps escapes as their characters', () => {
    const template = '{"Resource": "arn:aws:s3:::${bucket}/${ prefix }/*", "n": ${n}, "b": ${on}, "u": "$${aws:username}", "d": "%%{x}"}';
    expect(renderTemplate(template, { bucket: 'logs', prefix: 'in', n: 3, on: true })).toEqual({
      text: '{"Resource": "arn:aws:s3:::logs/in/*", "n": 3, "b": true, "u": "${aws:username}", "d": "%{x}"}',
      templateLines: null,
    });
  });

  it('maps each rendered line back to its template line when a value spans lines', () => {
    const template = ['[', '  ${two}, "$${x}",', '  "a",', '  ${three} ${two}', ']'].join('\n');
    const rendered = renderTemplate(template, { two: '"b",\n"c"', three: '"d",\n"e",\n"f",' });
    expect(rendered).toEqual({
      text: ['[', '  "b",', '"c", "${x}",', '  "a",', '  "d",', '"e",', '"f", "b",', '"c"', ']'].join('\n'),
      templateLines: [1, 2, 2, 3, 4, 4, 4, 4, 5],
    });
  });

  it('leaves a template unrendered, saying why, when only Terraform could render it', () => {
    const why = (template: string, vars: Record<string, unknown> = {}) => {
      const rendered = renderTemplate(template, vars);
      return 'unresolved' in rendered ? rendered.unresolved : null;
    };
    expect(why('${env}', { env: '${var.env}' })).toBe("the template's ${env} is given ${var.env}, which only Terraform evaluates");
    expect(why('${tags}', { tags: { a: 'b' } })).toBe("the template's ${tags} is given a value that is not a string, which only Terraform evaluates");
    expect(why('"${bucket}"')).toBe('the template uses ${bucket}, which its variables do not give (Terraform fails on it)');
    expect(why('${upper(bucket)}', { bucket: 'b' })).toBe('the template interpolates an expression (${upper(bucket)}), not a plain variable');
    expect(why('%{ for b in buckets }"${b}"%{ endfor }', { b: 'x' })).toBe('the template has %{ } directives, which the linter does not evaluate');
    expect(why('"${bucket"', { bucket: 'b' })).toBe('the template has a ${ that is never closed (Terraform fails on it)');
  });

  it('says Terraform fails on a policy variable written in a template without its escape', () => {
    expect(renderTemplate('{"Resource": "arn:aws:s3:::b/${aws:username}/*"}', {})).toEqual({
      rejected: 'the template has ${aws:username}, which templatefile() reads as an interpolation and Terraform fails on ("Extra characters after interpolation expression"); write $${aws:username} for the policy variable',
    });
  });

  it('puts in a value holding an escaped policy variable as it is, as Terraform does', () => {
    // `{ user = "$${aws:username}" }` in the .tf: the value is `${aws:username}`, which templatefile does not evaluate again.
    expect(renderTemplate('"arn:aws:s3:::b/${user}/*"', { user: '${aws:username}' })).toEqual({ text: '"arn:aws:s3:::b/${aws:username}/*"', templateLines: null });
    expect(renderTemplate('"${user}"', { user: '${aws:username}-${var.x}' })).toEqual({ unresolved: "the template's ${user} is given ${aws:username}-${var.x}, which only Terraform evaluates" });
  });

  it('does not take a name the variables only inherit', () => {
    expect(renderTemplate('${toString}', {})).toEqual({ unresolved: 'the template uses ${toString}, which its variables do not give (Terraform fails on it)' });
  });
});
