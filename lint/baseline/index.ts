/** `--baseline FILE`: report only findings that a previous JSON report did not have. */
export { diffAgainstBaseline, type BaselineDiff } from './new-findings';
export { findingIdentity, type FindingIdentity, type IdentifiedFinding } from './finding-identity';
export { findingSubject } from './finding-subject';
export { BaselineError, parseBaseline, readBaseline, type BaselineFinding } from './read-baseline';
export { applyBaseline, type BaselineCounts, type BaselineOutcome } from './apply-baseline';
export { baselineNotes } from './baseline-note';
