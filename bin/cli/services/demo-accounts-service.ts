import type { ServiceDefinition } from './service';

export interface DemoAccountsServiceOptions {
  dataDir: string;
  /** The sandbox admin's kubeconfig, which the account store is written with. */
  kubeconfig: string;
  /** The project `project-regular` is an operator of. */
  project: string;
}

/**
 * The console's seeded accounts, made once the sandbox runs and before the console starts:
 * `admin` (platform administrator) and `project-regular` (operator of the demo project), their
 * passwords printed with the other endpoints and kept in `<data-dir>/credentials.json`
 * (lib/server/accounts/demo-accounts.ts; idempotent, so a restart keeps them). Nothing runs
 * afterwards: stopping it does nothing.
 */
export function demoAccountsService(options: DemoAccountsServiceOptions): ServiceDefinition {
  return {
    name: 'demo accounts',
    async start() {
      // Loaded here: client-node is large, and only this step of the launcher needs it.
      const [{ loadKubeConfig }, { seedDemoAccounts }] = await Promise.all([
        import('@/lib/server/kube/kube-config'),
        import('@/lib/server/accounts/demo-accounts'),
      ]);
      const { credentials, path } = await seedDemoAccounts(
        loadKubeConfig({ kubeconfig: options.kubeconfig }),
        { dataDir: options.dataDir, project: options.project },
      );
      return {
        name: 'demo accounts',
        endpoints: [
          { label: 'Sign in as admin', url: `password ${credentials.admin}` },
          {
            label: 'Sign in as project-regular',
            url: `password ${credentials['project-regular']}`,
          },
          { label: 'Passwords', url: path },
        ],
        ended: new Promise<string>(() => undefined),
        stop: async () => {},
      };
    },
  };
}
