import { describe, expect, it } from 'vitest';
import { policySize } from '../../lint/model/parse-document';
import { startMoto } from './moto';
import { requireTool } from './tools';

describe('moto support', () => {
  it('starts moto_server on loopback and answers IAM calls', async () => {
    if (!requireTool('moto_server')) return;
    const moto = await startMoto();
    try {
      const r = await fetch(`${moto.endpoint}/?Action=ListUsers&Version=2010-05-08`, {
        headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x' },
      });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('ListUsersResponse');
    } finally {
      await moto.stop();
    }
  });
  it('counts policy size without white space outside strings', () => {
    expect(policySize('{ "a" : "b c" }')).toBe('{"a":"b c"}'.length);
  });
});
