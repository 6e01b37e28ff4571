/**
 * A rule's verdict on one document, remembered for the length of one check: plan readers share
 * one document object among every resource with the same policy text (the benchmark's 10,000
 * resources hold 63 texts), so a rule judges each text once and only reports per policy.
 */
import type { PolicyDocument } from '../model/types';

export function perDocument<T>(judge: (document: PolicyDocument) => T): (document: PolicyDocument) => T {
  const verdicts = new WeakMap<PolicyDocument, T>();
  return (document) => {
    if (verdicts.has(document)) return verdicts.get(document) as T;
    const verdict = judge(document);
    verdicts.set(document, verdict);
    return verdict;
  };
}
