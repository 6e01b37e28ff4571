/** Policy records for the access-analyzer tests, built through the real document parser. */
import { parsePolicyDocument } from '../model/parse-document';
import type { PolicyKind, PolicyRecord } from '../model/types';

export function record(key: string, kind: PolicyKind, document: unknown): PolicyRecord {
  const text = JSON.stringify(document);
  return {
    key,
    kind,
    origin: { file: `stacks/${key}.tf.json`, resource: `aws_iam_policy.${key}`, pointer: null, line: null },
    name: key,
    arn: null,
    document: parsePolicyDocument(document, { text, trust: kind === 'trust' }),
    parseError: null,
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTFAKEANALYZER', secretAccessKey: 'test-secret-not-real' };
