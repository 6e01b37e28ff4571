/**
 * A stand-in for the IAM Access Analyzer policy-check API on a loopback port, for tests: it speaks
 * the REST-JSON protocol the real client uses (POST /policy/validation, POST /policy/check-no-new-access,
 * `x-amzn-ErrorType` errors) and answers with the response shapes of the API reference. It judges
 * the documents it receives with a couple of the real checks, so tests see findings that follow from
 * what the client sent, not canned ones.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The SigV4 credential scope (access key id / date / region / service / aws4_request). */
  credentialScope: string | null;
}

type Scripted = { status: number; errorType?: string; body: string };

interface StatementJson {
  Effect?: string;
  Action?: string[];
  Resource?: string[];
}

interface ValidateFinding {
  findingDetails: string;
  findingType: string;
  issueCode: string;
  learnMoreLink: string;
  locations: Array<{ path: Array<Record<string, unknown>>; span: Record<string, unknown> }>;
}

const LEARN_MORE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
const SPAN = { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 1, offset: 1 } };

/** Two of the analyzer's real checks, enough to give findings a place in the document. */
function judge(document: { Version?: string; Statement?: StatementJson[] }): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  if (document.Version === undefined) {
    findings.push({
      findingDetails: 'We recommend that you specify the Version element to help you with debugging permission issues.',
      findingType: 'WARNING',
      issueCode: 'MISSING_VERSION',
      learnMoreLink: `${LEARN_MORE}#access-analyzer-reference-policy-checks-general-warning-missing-version`,
      locations: [],
    });
  }
  (document.Statement ?? []).forEach((statement, index) => {
    const actions = statement.Action ?? [];
    if (statement.Effect === 'Allow' && actions.includes('iam:PassRole') && (statement.Resource ?? []).includes('*')) {
      findings.push({
        findingDetails:
          'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
        findingType: 'SECURITY_WARNING',
        issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
        learnMoreLink: `${LEARN_MORE}#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource`,
        locations: [{ path: [{ value: 'Statement' }, { index }, { value: 'Resource' }], span: SPAN }],
      });
    }
    actions.forEach((action, actionIndex) => {
      if (actions.indexOf(action) !== actionIndex) {
        findings.push({
          findingDetails: `The action ${action} is repeated in the statement; remove the copy.`,
          findingType: 'SUGGESTION',
          issueCode: 'REDUNDANT_ACTION',
          learnMoreLink: `${LEARN_MORE}#access-analyzer-reference-policy-checks-suggestion-redundant-action`,
          locations: [{ path: [{ value: 'Statement' }, { index }, { value: 'Action' }, { index: actionIndex }], span: SPAN }],
        });
      }
    });
  });
  return findings;
}

/** Actions the new policy allows that the existing one does not name (exact names or `*`). */
function compare(newDocument: { Statement?: StatementJson[] }, existing: { Statement?: StatementJson[] }) {
  const allowed = new Set((existing.Statement ?? []).flatMap((s) => (s.Effect === 'Allow' ? (s.Action ?? []) : [])));
  const reasons = (newDocument.Statement ?? []).flatMap((statement, index) =>
    (statement.Action ?? []).some((action) => !allowed.has(action) && !allowed.has('*'))
      ? [{ description: `New access in the statement with index: ${index}. Revise the policy to remove the new access.`, statementIndex: index }]
      : [],
  );
  return reasons.length === 0
    ? { result: 'PASS', message: 'The policy document does not grant any new access compared to the existing policy.', reasons: [] }
    : { result: 'FAIL', message: 'The policy document grants new access compared to the existing policy.', reasons };
}

export class FakeAccessAnalyzer {
  readonly requests: RecordedRequest[] = [];
  /** Findings per ValidatePolicy page; past it the answer carries a nextToken. */
  pageSize = 100;
  private readonly scripted: Scripted[] = [];
  private server: Server | undefined;

  /** The next `count` requests get HTTP 429 ThrottlingException, as the service does when rate limited. */
  throttle(count: number): void {
    for (let i = 0; i < count; i++) {
      this.scripted.push({ status: 429, errorType: 'ThrottlingException', body: JSON.stringify({ message: 'Rate exceeded' }) });
    }
  }

  /** The next request gets an error answer. */
  fail(status: number, errorType: string, message: string): void {
    this.scripted.push({ status, errorType, body: JSON.stringify({ message }) });
  }

  /** The next request gets HTTP 200 with this body (malformed answers). */
  answerRaw(body: string): void {
    this.scripted.push({ status: 200, body });
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const scope = /Credential=([^,]+)/.exec(request.headers.authorization ?? '');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    this.requests.push({ path: url.pathname, query: url.searchParams, body, credentialScope: scope?.[1] ?? null });

    const scripted = this.scripted.shift();
    if (scripted) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (scripted.errorType) headers['x-amzn-ErrorType'] = scripted.errorType;
      response.writeHead(scripted.status, headers).end(scripted.body);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/policy/validation') {
      const all = judge(JSON.parse(String(body.policyDocument)));
      const start = Number(url.searchParams.get('nextToken') ?? '0');
      const end = start + this.pageSize;
      const page = { findings: all.slice(start, end), ...(end < all.length && { nextToken: String(end) }) };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/policy/check-no-new-access') {
      const answer = compare(JSON.parse(String(body.newPolicyDocument)), JSON.parse(String(body.existingPolicyDocument)));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    response
      .writeHead(404, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ResourceNotFoundException' })
      .end(JSON.stringify({ message: `no route ${request.method} ${url.pathname}` }));
  }
}
