export { LeastPrivilegeUser, PRESET_TAG } from './least-privilege-user';
export type { LeastPrivilegeUserProps, AccessKeyOptions, AccessKeySecretStore, ConsoleAccessOptions } from './props';
export { policiesFolder, presetsFrom, type PresetSource, type NamedDocument, type RoleBoundaryDocument } from './preset-source';
export { accountValues, type AccountValues } from './account-context';
export { EXAMPLE_ACCOUNT_ID, fromTerraformString, atWorstCaseLength, WORST_CASE_LENGTH } from './terraform-text';
export { MANAGED_POLICY_SIZE_LIMIT } from './policy-documents';
