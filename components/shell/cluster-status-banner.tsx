'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isApiError } from '@/lib/client/api-fetch';
import { useTranslations } from '../i18n/translations';
import { Banner } from '../ui/banner';

type Outage = 'cluster' | 'offline' | undefined;

/**
 * Says so while the console cannot reach the Kubernetes API (or the browser cannot reach the
 * console): some query's latest attempt failed with 503 or a network error. Queries keep retrying
 * with backoff (components/providers.tsx), and the banner goes once one of them succeeds again.
 */
export function ClusterStatusBanner() {
  const t = useTranslations('errors.cluster');
  const client = useQueryClient();
  const [outage, setOutage] = useState<Outage>();
  useEffect(() => {
    const cache = client.getQueryCache();
    const check = () => {
      // While a query retries, its latest failure is fetchFailureReason (error is set only once it gives up).
      const errors = cache.getAll().map((q) => q.state.fetchFailureReason ?? q.state.error);
      setOutage(
        errors.some((e) => isApiError(e, 'ClusterUnavailable'))
          ? 'cluster'
          : errors.some((e) => isApiError(e, 'Offline'))
            ? 'offline'
            : undefined,
      );
    };
    check();
    return cache.subscribe(check);
  }, [client]);
  if (!outage) return null;
  return (
    // No role of its own: the error Banner is the alert (an alert nested in another may be read twice).
    <div className="px-6 pt-4">
      <Banner tone="error" title={outage === 'cluster' ? t('unreachableTitle') : t('offlineTitle')}>
        {outage === 'cluster' ? t('unreachable') : t('offline')}
      </Banner>
    </div>
  );
}
