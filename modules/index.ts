export { LeastPrivilegeUser, PRESET_TAG } from './least-privilege-user';
export type { LeastPrivilegeUserProps, AccessKeyOptions, AccessKeySecretStore, ConsoleAccessOptions } from './props';
export { policiesFolder, presetsFrom, type PresetSource, type NamedDocument } from './preset-source';
export { accountValues, EXAMPLE_ACCOUNT_ID } from './account-context';
export { MANAGED_POLICY_SIZE_LIMIT } from './policy-documents';
