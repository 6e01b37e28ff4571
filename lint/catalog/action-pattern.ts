/**
 * IAM action patterns: `*` matches any run of characters, `?` one character, case-insensitive,
 * matched against the whole `service:Action` string (so `s3*:Get*` is legal and meaningful).
 */

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/**
 * A case-insensitive matcher for an IAM glob. Not a regular expression: `.*a.*a.*a...` backtracks
 * exponentially on a hostile pattern, while this two-pointer match (back up to the last `*`
 * only) is O(pattern x text) at worst.
 */
export function globMatcher(glob: string): (text: string) => boolean {
  const pattern = glob.toLowerCase().replace(/\*{2,}/g, '*');
  return (input: string) => globMatches(pattern, input.toLowerCase());
}

/**
 * `pattern` and `text` already lower-cased (and `**` collapsed): for callers that keep lower-cased
 * names. With `textIsGlob`, the text is itself a pattern (a user's ARN glob judged against a
 * preset's): a `?` of `pattern` is one character, so it never takes the text's `*`, any run.
 */
export function globMatches(pattern: string, text: string, textIsGlob = false): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    const one = c === 63 /* ? */ && !(textIsGlob && text.charCodeAt(t) === 42);
    if (p < pattern.length && c !== 42 && (one || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (p < pattern.length && c === 42 /* * */) {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}

/** True for an action pattern that matches every action of every service: `*`, `*:*`, `**`. */
export function isAllActions(pattern: string): boolean {
  // Most actions start with a service name: skip the expression for them.
  if (!pattern.includes('*')) return false;
  return /^\*+(:\*+)?$/.test(pattern.trim());
}

/** Split `service:Action` at the first colon; null when there is none. */
export function splitAction(pattern: string): { service: string; action: string } | null {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return null;
  return { service: pattern.slice(0, colon), action: pattern.slice(colon + 1) };
}

/** Longer than any real action name: beyond this, suggestions are not computed (the cost is quadratic). */
export const MAX_SUGGESTION_INPUT = 256;

/**
 * Edit distance from an IAM glob to a concrete name, where `*` matches any run for free and `?`
 * any one character: Levenshtein when the glob has no wildcard. Case-sensitive; callers lower-case.
 */
export function editDistance(glob: string, name: string): number {
  const n = name.length;
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= glob.length; i++) {
    const p = glob.charCodeAt(i - 1);
    const star = p === 42; /* * */
    const current = [star ? previous[0] : previous[0] + 1];
    for (let j = 1; j <= n; j++) {
      if (star) {
        current[j] = Math.min(previous[j], current[j - 1]);
      } else {
        const cost = p === 63 /* ? */ || p === name.charCodeAt(j - 1) ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      }
    }
    previous = current;
  }
  return previous[n];
}

/**
 * `glob` with the fewest edits (as editDistance counts them) that make it match `name`, its
 * wildcards kept and every other character spelled as in `name`: `s3:Get*Objct` against
 * `s3:GetObject` gives `s3:Get*Object`. What to suggest for a pattern that matches nothing, rather
 * than the one action it came closest to. Quadratic: call it once per suggestion, not per candidate.
 */
export function correctedGlob(glob: string, name: string): string {
  const g = glob.toLowerCase();
  const n = name.toLowerCase();
  // d[i][j]: edits to make glob[0, i) match name[0, j).
  const d: number[][] = [Array.from({ length: n.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= g.length; i++) {
    const p = g.charCodeAt(i - 1);
    const row = [p === 42 ? d[i - 1][0] : d[i - 1][0] + 1];
    for (let j = 1; j <= n.length; j++) {
      if (p === 42) row[j] = Math.min(d[i - 1][j], row[j - 1]);
      else row[j] = Math.min(d[i - 1][j] + 1, row[j - 1] + 1, d[i - 1][j - 1] + (p === 63 || p === n.charCodeAt(j - 1) ? 0 : 1));
    }
    d.push(row);
  }
  // Walk back from the end, writing the glob's wildcards and name's characters, back to front.
  const out: string[] = [];
  let i = g.length;
  let j = n.length;
  while (i > 0 || j > 0) {
    const p = i > 0 ? g.charCodeAt(i - 1) : -1;
    if (p === 42) {
      if (j > 0 && d[i][j] === d[i][j - 1]) j--;
      else {
        out.push('*');
        i--;
      }
    } else if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (p === 63 || p === n.charCodeAt(j - 1) ? 0 : 1)) {
      out.push(p === 63 ? '?' : name[j - 1]);
      i--;
      j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      i--; // a character of the glob the name lacks: dropped
    } else {
      out.push(name[j - 1]); // a character of the name the glob lacks: added
      j--;
    }
  }
  return out.reverse().join('');
}

/** The candidate closest to `target` (case-insensitive), ties broken alphabetically; null for no candidates. */
export function closest(target: string, candidates: Iterable<string>): string | null {
  if (target.length > MAX_SUGGESTION_INPUT) return null;
  const needle = target.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== null && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
