import { describe, expect, it } from 'vitest';
import { allManagedPolicies, findManagedPolicy, isAwsManagedPolicyArn } from './managed-policies';

describe('findManagedPolicy', () => {
  it('finds a policy by scanning, and agrees with the full parse', () => {
    const names = ['AdministratorAccess', 'AdministratorAccess-Amplify', 'service-role/AWSLambdaRole', 'job-function/ViewOnlyAccess'];
    const scanned = names.map((n) => findManagedPolicy(`arn:aws:iam::aws:policy/${n}`));
    const parsed = new Map(allManagedPolicies().map((p) => [p.pathName, p]));
    for (const [i, name] of names.entries()) {
      expect(scanned[i]).toEqual(parsed.get(name));
    }
  }, 60_000);

  it('returns null for names that are not there, and for other ARNs', () => {
    expect(findManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicy')).toBeNull();
    expect(findManagedPolicy('arn:aws:iam::210987654321:policy/AdministratorAccess')).toBeNull();
    expect(isAwsManagedPolicyArn('arn:aws-cn:iam::aws:policy/ReadOnlyAccess')).toBe(true);
  });
});
