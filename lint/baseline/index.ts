/** `--baseline FILE`: report only findings that a previous JSON report did not have. */
export { diffAgainstBaseline, fingerprint, type BaselineDiff } from './new-findings';
export { BaselineError, parseBaseline, readBaseline, type BaselineFinding } from './read-baseline';
export { applyBaseline, type BaselineCounts } from './apply-baseline';
export { baselineNotes } from './baseline-note';
