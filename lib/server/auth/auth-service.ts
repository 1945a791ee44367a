import 'server-only';
import { randomBytes } from 'node:crypto';
import { AuthenticationV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  platformAdminGroup,
  usernameSchema,
  type CurrentUser,
} from '@/lib/domain/accounts/account-schema';
import type { AccountStore } from '../accounts/account-store';
import { decoyHash, verifyPassword } from '../accounts/password-hash';
import type { ConsoleConfig } from '../console/console-config';
import { apiRefusal } from '../kube/api-error';
import { shareAgent } from '../kube/kube-config';
import type { ClusterIdentity } from '../kube/user-kube-config';
import { sealSession, sessionExpiry, unsealSession, type SessionData } from './session-seal';
import type { SessionRevocations } from './session-revocations';
import type { SignInThrottle } from './sign-in-throttle';

/**
 * Signing in and out, and turning a session cookie back into a person: for Aviary's accounts the
 * password is checked against the stored scrypt hash; for a bearer token, the cluster itself says
 * who it belongs to (SelfSubjectReview). Every request re-checks the account (deleted? password
 * changed since?) and the sign-out list, so an ended session stops working on every replica.
 */

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: 'InvalidCredentials' | 'TooManyRequests' | 'ClusterUnavailable',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface SignedIn {
  user: CurrentUser;
  identity: ClusterIdentity;
  session: SessionData;
  /** A new cookie value when the session's last-use time should move on (idle expiry). */
  refreshedCookie?: string;
}

/** Cookies are rewritten at most this often to move the idle expiry on. */
const refreshEveryMs = 60_000;

export interface AuthServiceDeps {
  config: ConsoleConfig;
  kubeConfig: KubeConfig;
  accounts: AccountStore;
  revocations: SessionRevocations;
  throttle: SignInThrottle;
  now?: () => number;
}

const invalid = () => new AuthError('InvalidCredentials', 'wrong username or password');

export class AuthService {
  private readonly now: () => number;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  get limits() {
    return { idleMs: this.deps.config.sessionIdleMs, maxMs: this.deps.config.sessionMaxMs };
  }

  async signInWithPassword(
    username: string,
    password: string,
    clientAddress: string,
  ): Promise<{ cookie: string; user: CurrentUser }> {
    const keys = [`user:${username}`, `address:${clientAddress}`];
    this.refuseWhileThrottled(keys);
    const account = usernameSchema.safeParse(username).success
      ? await this.deps.accounts.get(username)
      : undefined;
    // The same work and the same answer whether the account exists or not.
    const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    if (!account || !matches) {
      this.deps.throttle.recordFailure(keys);
      throw invalid();
    }
    this.deps.throttle.recordSuccess(`user:${username}`);
    const now = this.now();
    const session: SessionData = {
      sid: randomBytes(18).toString('base64url'),
      via: 'account',
      username: account.username,
      issuedAt: Math.max(now, account.sessionsValidAfter),
      lastSeenAt: now,
    };
    return {
      cookie: await this.seal(session),
      user: {
        username: account.username,
        groups: groupsOf(account.platformRole),
        platformRole: account.platformRole,
        via: 'account',
      },
    };
  }

  async signInWithToken(
    token: string,
    clientAddress: string,
  ): Promise<{ cookie: string; user: CurrentUser }> {
    const keys = [`address:${clientAddress}`];
    this.refuseWhileThrottled(keys);
    const who = await this.reviewToken(token);
    if (!who) {
      this.deps.throttle.recordFailure(keys);
      throw new AuthError('InvalidCredentials', 'the cluster did not accept this token');
    }
    const now = this.now();
    const session: SessionData = {
      sid: randomBytes(18).toString('base64url'),
      via: 'token',
      username: who.username,
      groups: who.groups,
      token,
      issuedAt: now,
      lastSeenAt: now,
    };
    return { cookie: await this.seal(session), user: tokenUser(session) };
  }

  /** The person a cookie belongs to, or undefined when it is missing, forged, expired or ended. */
  async resolve(cookieValue: string | undefined): Promise<SignedIn | undefined> {
    const session = await unsealSession(
      cookieValue,
      this.deps.config.sessionSecret,
      this.limits.maxMs,
    );
    if (!session) return undefined;
    const now = this.now();
    if (sessionExpiry(session, now, this.limits)) return undefined;
    if (await this.deps.revocations.isRevoked(session.sid)) return undefined;
    let user: CurrentUser;
    let identity: ClusterIdentity;
    if (session.via === 'account') {
      const account = await this.deps.accounts.get(session.username);
      if (!account || session.issuedAt < account.sessionsValidAfter) return undefined;
      const groups = groupsOf(account.platformRole);
      user = {
        username: account.username,
        groups,
        platformRole: account.platformRole,
        via: 'account',
      };
      identity = { via: 'account', username: account.username, groups };
    } else {
      if (!session.token) return undefined;
      user = tokenUser(session);
      identity = { via: 'token', token: session.token };
    }
    const refreshedCookie =
      now - session.lastSeenAt >= refreshEveryMs
        ? await this.seal({ ...session, lastSeenAt: now })
        : undefined;
    return { user, identity, session, ...(refreshedCookie ? { refreshedCookie } : {}) };
  }

  /** Ends the session in `cookieValue` (if it is one): its cookie stops working everywhere. */
  async signOut(cookieValue: string | undefined): Promise<void> {
    const session = await unsealSession(
      cookieValue,
      this.deps.config.sessionSecret,
      this.limits.maxMs,
    );
    if (!session) return;
    await this.deps.revocations.revoke(session.sid, session.issuedAt + this.limits.maxMs);
  }

  private seal(session: SessionData): Promise<string> {
    return sealSession(session, this.deps.config.sessionSecret, this.limits.maxMs);
  }

  private refuseWhileThrottled(keys: string[]): void {
    const wait = this.deps.throttle.retryAfterSeconds(keys);
    if (wait > 0) {
      throw new AuthError(
        'TooManyRequests',
        `too many failed sign-ins: try again in ${wait} s`,
        wait,
      );
    }
  }

  /** Who the cluster says `token` belongs to; undefined when it refuses the token (401). */
  private async reviewToken(
    token: string,
  ): Promise<{ username: string; groups: string[] } | undefined> {
    const cluster = this.deps.kubeConfig.getCurrentCluster();
    if (!cluster)
      throw new AuthError('ClusterUnavailable', 'the console has no cluster configured');
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [cluster],
      users: [{ name: 'review', token }],
      contexts: [{ name: 'review', cluster: cluster.name, user: 'review' }],
      currentContext: 'review',
    });
    try {
      const review = await shareAgent(config)
        .makeApiClient(AuthenticationV1Api)
        .createSelfSubjectReview({
          body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        });
      const info = review.status?.userInfo;
      if (!info?.username) return undefined;
      return { username: info.username, groups: info.groups ?? [] };
    } catch (error) {
      if (apiRefusal(error)?.code === 401) return undefined;
      throw error;
    }
  }
}

function groupsOf(role: 'admin' | 'user'): string[] {
  return role === 'admin' ? [platformAdminGroup] : [];
}

function tokenUser(session: SessionData): CurrentUser {
  const groups = session.groups ?? [];
  const admin = groups.includes(platformAdminGroup) || groups.includes('system:masters');
  return {
    username: session.username,
    groups,
    platformRole: admin ? 'admin' : 'user',
    via: 'token',
  };
}
