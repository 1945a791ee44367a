import 'server-only';
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { apiRefusal } from '../kube/api-error';

/**
 * Sessions ended by signing out, kept in the cluster so that every console replica refuses the
 * old cookie: one Secret in the system namespace whose keys are session ids and whose values are
 * when the session would have expired anyway (after which the entry is pruned). Read at most once
 * a second per replica.
 */
const secretName = 'aviary-revoked-sessions';
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export class SessionRevocations {
  private readonly core: CoreV1Api;
  private cached?: { at: number; revoked: Map<string, number> };

  constructor(
    kubeConfig: KubeConfig,
    private readonly namespace: string,
    private readonly now: () => number = Date.now,
    private readonly cacheMs = 1000,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  async isRevoked(sid: string): Promise<boolean> {
    return (await this.read()).has(sid);
  }

  /** Records `sid` as ended; `expiresAt` (ms) is when it would have expired by itself. */
  async revoke(sid: string, expiresAt: number): Promise<void> {
    const now = this.now();
    const current = await this.read(true);
    const data: Record<string, string | null> = { [sid]: encode(expiresAt) };
    for (const [other, expiry] of current) if (expiry <= now) data[other] = null;
    try {
      await this.core.patchNamespacedSecret(
        { name: secretName, namespace: this.namespace, body: { data } },
        mergePatch,
      );
    } catch (error) {
      if (apiRefusal(error)?.code !== 404) throw error;
      await this.core
        .createNamespacedSecret({
          namespace: this.namespace,
          body: {
            metadata: {
              name: secretName,
              labels: { 'app.kubernetes.io/managed-by': 'aviary' },
            },
            type: 'aviary.dev/revoked-sessions',
            data: { [sid]: encode(expiresAt) },
          },
        })
        .catch(async (createError: unknown) => {
          // Another replica created it meanwhile: add ours to theirs.
          if (apiRefusal(createError)?.code !== 409) throw createError;
          await this.core.patchNamespacedSecret(
            { name: secretName, namespace: this.namespace, body: { data } },
            mergePatch,
          );
        });
    }
    const revoked = new Map(current);
    revoked.set(sid, expiresAt);
    this.cached = { at: this.now(), revoked };
  }

  private async read(fresh = false): Promise<Map<string, number>> {
    const now = this.now();
    if (!fresh && this.cached && now - this.cached.at < this.cacheMs) return this.cached.revoked;
    const revoked = new Map<string, number>();
    try {
      const secret = await this.core.readNamespacedSecret({
        name: secretName,
        namespace: this.namespace,
      });
      for (const [sid, value] of Object.entries(secret.data ?? {})) {
        const expiry = Number(Buffer.from(value, 'base64').toString('utf8'));
        if (expiry > now) revoked.set(sid, expiry);
      }
    } catch (error) {
      if (apiRefusal(error)?.code !== 404) throw error;
    }
    this.cached = { at: now, revoked };
    return revoked;
  }
}

const encode = (ms: number) => Buffer.from(String(ms)).toString('base64');
