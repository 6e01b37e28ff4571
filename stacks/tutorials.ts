/**
 * The five tutorials as data: the user each one makes, with the name, tags and sign-in it has there,
 * and the preset that replaces its grant. Deliberate differences from the tutorials are noted.
 */
import type { ConsoleAccessOptions } from '../modules';
import type { StackName } from '../config';

export interface Tutorial {
  /** Seed file id in the tutorials folder. */
  seed: string;
  description: string;
  userName: string;
  tags: Record<string, string>;
  /** Console sign-in, for the tutorials that give one; the password is generated, never literal. */
  consoleAccess?: ConsoleAccessOptions;
}

export const TUTORIALS: Record<StackName, Tutorial> = {
  'eks-eksctl': {
    seed: '000',
    description: 'Humalect platform user: eksctl clusters, node groups and image pushes',
    userName: 'humalect-user',
    tags: { purpose: 'humalect-platform', tool: 'eksctl' },
  },
  'amplify-workshop': {
    seed: '001',
    description: 'Amplify iOS workshop: the Amplify CLI deploys the backend',
    userName: 'amplify-workshop-user',
    tags: { purpose: 'amplify-ios-workshop', tool: 'amplify-cli' },
  },
  'automate-ha-deployer': {
    seed: '002',
    description: 'Chef Automate HA: Terraform for AWS run from the bastion host',
    userName: 'automate-ha-deployer',
    tags: { purpose: 'chef-automate-ha', tool: 'terraform' },
  },
  'sst-deployer': {
    seed: '003',
    description: 'SST guide: sst deploy of the notes app',
    userName: 'sst-deployer',
    tags: { purpose: 'sst-notes-app', tool: 'sst' },
  },
  'invoice-scanner': {
    seed: '004',
    description: 'AI invoice scanner workshop: console and CLI user',
    userName: 'ai-invoice-scanner-user',
    tags: { purpose: 'ai-invoice-scanner', project: 'AI Invoice Scanner Project' },
    // The tutorial sets a literal password (Admin@123) and no reset; here the password is generated
    // and must be changed at first sign-in (the preset lets the user change its own password).
    consoleAccess: { passwordResetRequired: true },
  },
};
