/**
 * One spelling of a reported file path: forward slashes, no leading `./`, `a//b` and `a/./b`
 * collapsed. `./policies\a.json` and `policies/a.json` are one file to a reviewer, and so to a
 * suppression's glob, a baseline's fingerprint and a SARIF artifact.
 */
import { posix } from 'node:path';

export function canonicalPath(file: string): string {
  // posix.normalize drops a leading `./` and collapses the rest.
  return posix.normalize(file.replace(/\\/g, '/'));
}
