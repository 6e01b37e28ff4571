/**
 * `--baseline`: split a run's findings into those a baseline report had (known) and the rest
 * (fresh). Findings are matched on their identity (finding-identity.ts: rule, file, resource,
 * statement and subject), never on line or wording, and matches are counted, so a third copy of a
 * finding the baseline had twice is new.
 */
import { findingIdentity, type IdentifiedFinding } from './finding-identity';

export interface BaselineDiff<F> {
  /** Findings beyond what the baseline had, in their original order. */
  fresh: F[];
  /** Findings the baseline already had, in their original order. */
  known: F[];
  /** Baseline findings no longer reported (fixed, or suppressed since). */
  gone: number;
}

/** Baseline findings of one place (rule, file, resource, statement) not yet matched. */
interface Unmatched {
  bySubject: Map<string, number>;
  /** Findings whose message this version cannot read a subject from (written by a version with other wording). */
  withoutSubject: number;
}

function takeAnySubject(left: Unmatched): boolean {
  for (const [subject, count] of left.bySubject) {
    if (count === 0) continue;
    left.bySubject.set(subject, count - 1);
    return true;
  }
  return false;
}

export function diffAgainstBaseline<F extends IdentifiedFinding>(current: readonly F[], baseline: readonly IdentifiedFinding[], cwd: string | null = null): BaselineDiff<F> {
  const places = new Map<string, Unmatched>();
  for (const finding of baseline) {
    const { place, subject } = findingIdentity(finding, cwd);
    let left = places.get(place);
    if (left === undefined) places.set(place, (left = { bySubject: new Map(), withoutSubject: 0 }));
    if (subject === null) left.withoutSubject++;
    else left.bySubject.set(subject, (left.bySubject.get(subject) ?? 0) + 1);
  }

  // First the same subject at the same place, so a finding the baseline names exactly is never
  // taken by a looser match below.
  const matched = new Array<boolean>(current.length).fill(false);
  const identities = current.map((finding) => findingIdentity(finding, cwd));
  identities.forEach(({ place, subject }, i) => {
    const left = places.get(place);
    const count = subject === null || left === undefined ? 0 : (left.bySubject.get(subject) ?? 0);
    if (count > 0) {
      left!.bySubject.set(subject!, count - 1);
      matched[i] = true;
    }
  });
  // Then a baseline finding whose subject cannot be read (other wording) stands for any finding at
  // its place. Two known subjects that differ stay different findings: a new unknown action in a
  // statement is new even where the baseline had another.
  identities.forEach(({ place, subject }, i) => {
    const left = places.get(place);
    if (matched[i] || left === undefined) return;
    if (left.withoutSubject > 0) {
      left.withoutSubject--;
      matched[i] = true;
    } else if (subject === null && takeAnySubject(left)) {
      matched[i] = true;
    }
  });

  const fresh = current.filter((_, i) => !matched[i]);
  const known = current.filter((_, i) => matched[i]);
  let gone = 0;
  for (const left of places.values()) {
    gone += left.withoutSubject;
    for (const count of left.bySubject.values()) gone += count;
  }
  return { fresh, known, gone };
}
