'use client';

import type {
  Application,
  ProjectAccess,
  ProjectOverview,
  WorkloadVersion,
} from '@/lib/domain/projects';
import { useProjectLiveUpdates, type LiveState } from '@/lib/client/project-live';
import { useProjectOverview } from '@/lib/client/projects';
import { useTranslations } from '../i18n/translations';
import { Badge, type BadgeTone } from '../ui/badge';
import { EmptyState } from '../ui/empty-state';
import { ProgressBar } from '../ui/progress-bar';
import { GovernanceSwitch } from './governance-switch';

const governanceTone: Record<Application['governance'], BadgeTone> = {
  on: 'success',
  off: 'neutral',
  partial: 'warning',
  none: 'neutral',
};

const liveTone: Record<LiveState, BadgeTone> = {
  live: 'success',
  connecting: 'info',
  reconnecting: 'warning',
  paused: 'neutral',
  denied: 'warning',
};

/**
 * A project's applications, as KubeSphere's overview shows them: a card per application with its
 * governance, a table per service with each version's workload, pods ready and sidecars, kept
 * current by the project's live stream.
 */
export function ProjectOverviewView({
  project,
  initial,
  access,
}: {
  project: string;
  initial: ProjectOverview;
  access: ProjectAccess;
}) {
  const t = useTranslations('projects.overview');
  const overview = useProjectOverview(project, initial).data ?? initial;
  const live = useProjectLiveUpdates(project, initial.cursor);
  const liveLabel: Record<LiveState, string> = {
    live: t('live'),
    connecting: t('connecting'),
    reconnecting: t('reconnecting'),
    paused: t('paused'),
    denied: t('liveDenied'),
  };
  return (
    <section aria-labelledby="applications-heading">
      <div className="mb-4 flex items-center justify-between gap-4">
        <div>
          <h1 id="applications-heading" className="text-2xl font-semibold text-slate-900">
            {t('title')}
          </h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro', { project })}</p>
        </div>
        <span role="status" aria-live="polite">
          <Badge tone={liveTone[live]} dot>
            {liveLabel[live]}
          </Badge>
        </span>
      </div>
      {overview.applications.length === 0 ? (
        <EmptyState title={t('empty')} description={t('emptyHint')} />
      ) : (
        <ul className="flex flex-col gap-4">
          {overview.applications.map((application) => (
            <li key={application.name}>
              <ApplicationCard
                project={project}
                application={application}
                canChangeGovernance={access.allowed.changeGovernance}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ApplicationCard({
  project,
  application,
  canChangeGovernance,
}: {
  project: string;
  application: Application;
  canChangeGovernance: boolean;
}) {
  const t = useTranslations('projects.overview');
  const g = useTranslations('governance');
  const versions = application.services.flatMap((s) => s.versions);
  const total = versions.reduce((sum, v) => sum + v.replicas, 0);
  const done = versions.reduce(
    (sum, v) =>
      sum +
      Math.min(
        v.replicas,
        application.governance === 'off' ? v.podCount - v.podsWithSidecar : v.podsWithSidecar,
      ),
    0,
  );
  const headingId = `application-${application.name}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div className="flex flex-col">
          <h2 id={headingId} className="text-lg font-medium text-slate-900">
            {application.name}
          </h2>
          <p className="text-sm text-slate-600">
            {application.description || (application.source === 'labels' ? t('fromLabels') : '')}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <Badge tone={governanceTone[application.governance]} dot>
            {g(`state.${application.governance}`)}
          </Badge>
          {canChangeGovernance ? (
            <GovernanceSwitch project={project} application={application} />
          ) : null}
        </div>
      </header>
      {application.governanceInProgress ? (
        <div className="border-b border-slate-100 px-4 py-3">
          <ProgressBar
            label={g('inProgress', { done: String(done), total: String(total) })}
            value={done}
            max={Math.max(total, 1)}
          />
        </div>
      ) : null}
      <div className="divide-y divide-slate-100">
        {application.services.map((service) => (
          <div key={service.name} className="px-4 py-3">
            <h3 className="text-sm font-semibold text-slate-800">
              {t('service')}: <span className="font-mono">{service.name}</span>
              <span className="ml-2 font-normal text-slate-500">
                {service.ports
                  .map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`)
                  .join(', ')}
              </span>
            </h3>
            {service.versions.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">{t('noWorkloads')}</p>
            ) : (
              <table className="mt-2 w-full table-fixed text-left text-sm">
                <caption className="sr-only">
                  {t('service')} {service.name}
                </caption>
                {/* Fixed widths, so the columns of every service line up under each other. */}
                <colgroup>
                  <col className="w-24" />
                  <col className="w-72" />
                  <col />
                  <col className="w-28" />
                  <col className="w-24" />
                </colgroup>
                <thead className="text-xs text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="py-1 pr-4 font-medium">
                      {t('version')}
                    </th>
                    <th scope="col" className="py-1 pr-4 font-medium">
                      {t('workload')}
                    </th>
                    <th scope="col" className="py-1 pr-4 font-medium">
                      {t('image')}
                    </th>
                    <th scope="col" className="py-1 pr-4 font-medium">
                      {t('pods')}
                    </th>
                    <th scope="col" className="py-1 font-medium">
                      {t('sidecars')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {service.versions.map((version) => (
                    <VersionRow key={version.deployment} version={version} />
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </div>
    </article>
  );
}

function VersionRow({ version }: { version: WorkloadVersion }) {
  const t = useTranslations('projects.overview');
  const ready = version.readyReplicas >= version.replicas;
  return (
    <tr className="border-t border-slate-100">
      <td className="py-1.5 pr-4">
        <Badge tone="info">{version.version}</Badge>
      </td>
      <td className="py-1.5 pr-4 font-mono text-slate-800">
        {version.deployment}
        {version.releaseJob ? (
          <span className="ml-2 text-xs text-slate-500">
            {t('releaseJob', { name: version.releaseJob })}
          </span>
        ) : null}
      </td>
      <td
        className="max-w-xs truncate py-1.5 pr-4 font-mono text-xs text-slate-600"
        title={version.images.join(', ')}
      >
        {version.images.join(', ')}
      </td>
      <td className="py-1.5 pr-4">
        <Badge tone={ready ? 'success' : 'warning'}>
          {version.readyReplicas}/{version.replicas}
        </Badge>
      </td>
      <td className="py-1.5">
        {version.podsWithSidecar}/{version.podCount}
      </td>
    </tr>
  );
}
