/**
 * One stack per tutorial: the AWS provider, the state backend and one LeastPrivilegeUser with the
 * tutorial's preset and an access key. AWS managed policies come only from the config's
 * `users.<stack>.managedPolicies`, and the synth-time lint guard judges them like everything else.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LeastPrivilegeUser, type AccessKeySecretStore } from '../modules';
import type { AppConfig, StackName } from '../config';
import { addStateBackend } from './state-backend';
import { TUTORIALS } from './tutorials';

export class TutorialStack extends TerraformStack {
  readonly user: LeastPrivilegeUser;

  constructor(scope: Construct, name: StackName, config: AppConfig) {
    super(scope, name);
    const tutorial = TUTORIALS[name];
    const override = config.users[name] ?? {};
    new AwsProvider(this, 'aws', { region: config.region });
    addStateBackend(this, name, config.backend);
    const { pgpKey, secret } = config.accessKey;
    this.user = new LeastPrivilegeUser(this, 'user', {
      userName: override.userName ?? tutorial.userName,
      tags: { ...tutorial.tags, tutorial: tutorial.seed, ...override.tags },
      presets: [name],
      ...(override.managedPolicies === undefined ? {} : { managedPolicies: override.managedPolicies }),
      ...(override.createRoleBoundaries === undefined ? {} : { createRoleBoundaries: override.createRoleBoundaries }),
      accessKey: { secret: secretForStack(secret, name), ...(pgpKey === undefined ? {} : { pgpKey }) },
      consoleAccess: tutorial.consoleAccess ? { ...tutorial.consoleAccess, ...(pgpKey === undefined ? {} : { pgpKey }) } : false,
    });
  }
}

/** The store with `{stack}` in its parameter or secret name replaced by the stack's name (see AppConfig.accessKey.secret). */
function secretForStack(secret: AccessKeySecretStore, stack: StackName): AccessKeySecretStore {
  const forStack = (name: string | undefined): string | undefined => name?.replace(/\{stack\}/g, stack);
  if (secret.store === 'ssm') return { ...secret, parameterName: forStack(secret.parameterName) };
  if (secret.store === 'secretsmanager') return { ...secret, secretName: forStack(secret.secretName) };
  return secret;
}
