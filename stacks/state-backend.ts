/**
 * Where a stack keeps its Terraform state. Local by default, at a relative path so the synthesized
 * JSON names no machine's folders; S3 with native locking (a lock file beside the state, no DynamoDB
 * table) for teams that share state.
 */
import { LocalBackend, S3Backend, type S3BackendConfig, type TerraformStack } from 'cdktf';
import type { StateBackend } from '../config';

export function addStateBackend(stack: TerraformStack, stackName: string, backend: StateBackend): void {
  const forStack = (template: string): string => template.replace(/\{stack\}/g, stackName);
  if (backend.type === 'local') {
    // An explicit path: cdktf's default local backend writes the absolute path of the project folder.
    new LocalBackend(stack, { path: forStack(backend.path) });
    return;
  }
  // cdktf 0.21's S3BackendConfig predates use_lockfile (Terraform >= 1.10); the backend renders every
  // prop in snake case, so the extra prop reaches the JSON as use_lockfile.
  const config: S3BackendConfig & { useLockfile: boolean } = {
    bucket: backend.bucket,
    key: forStack(backend.key),
    region: backend.region,
    encrypt: true,
    useLockfile: true,
    ...(backend.endpoints ? { endpoints: backend.endpoints } : {}),
    ...(backend.usePathStyle === undefined ? {} : { usePathStyle: backend.usePathStyle }),
  };
  new S3Backend(stack, config);
}
