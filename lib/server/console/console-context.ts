import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { AccountStore } from '../accounts/account-store';
import { AuthService } from '../auth/auth-service';
import { SessionRevocations } from '../auth/session-revocations';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { asProgram, loadKubeConfig } from '../kube/kube-config';
import { parseConsoleConfig, type ConsoleConfig } from './console-config';

/**
 * What every console request shares: its configuration, its own cluster identity (used only for
 * the account store, session bookkeeping and finding a person's projects; everything done for a
 * person goes through kubeConfigAs), and the auth service. Built on first use from the
 * environment; tests hand in their own with setConsoleContext.
 */
export interface ConsoleContext {
  config: ConsoleConfig;
  kubeConfig: KubeConfig;
  accounts: AccountStore;
  auth: AuthService;
}

let current: ConsoleContext | undefined;

export function createConsoleContext(
  config: ConsoleConfig,
  baseKubeConfig: KubeConfig,
  now: () => number = Date.now,
): ConsoleContext {
  const kubeConfig = asProgram(baseKubeConfig, 'aviary-console');
  const accounts = new AccountStore(kubeConfig, config.systemNamespace);
  const revocations = new SessionRevocations(kubeConfig, config.systemNamespace, now);
  const throttle = new SignInThrottle({}, now);
  const auth = new AuthService({ config, kubeConfig, accounts, revocations, throttle, now });
  return { config, kubeConfig, accounts, auth };
}

export function consoleContext(): ConsoleContext {
  current ??= createConsoleContext(parseConsoleConfig(process.env), loadKubeConfig());
  return current;
}

/** For tests: the context route handlers use from now on (undefined: build again from the environment). */
export function setConsoleContext(context: ConsoleContext | undefined): void {
  current = context;
}
