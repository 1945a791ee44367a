'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { Badge, Tag } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Button, IconButton } from '@/components/ui/button';
import { CodeBlock } from '@/components/ui/code-block';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataTable, createColumnHelper } from '@/components/ui/data-table';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { DropdownMenu } from '@/components/ui/dropdown-menu';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field, PasswordInput, Select, Switch, TextInput } from '@/components/ui/form-field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Skeleton, SkeletonRegion, SkeletonTable } from '@/components/ui/skeleton';
import { Slider } from '@/components/ui/slider';
import { Tabs, useTabInUrl } from '@/components/ui/tabs';
import { useToast } from '@/components/ui/toast';
import { Tooltip } from '@/components/ui/tooltip';
import { YamlView } from '@/components/ui/yaml-view';

export type GalleryOpen = 'dialog' | 'confirm' | 'toast';

// The gallery's sample content is in English and not in the catalogs: it is a development
// page; the parts' own words (buttons, filter, copy, states) come from the `ui` catalog.

interface Member {
  name: string;
  role: 'admin' | 'operator' | 'viewer';
  joined: string;
}

const column = createColumnHelper<Member>();
const memberColumns = [
  column.accessor('name', { header: 'Member' }),
  column.accessor('role', {
    header: 'Role',
    cell: (info) => (
      <Badge tone={info.getValue() === 'admin' ? 'info' : 'neutral'}>{info.getValue()}</Badge>
    ),
  }),
  column.accessor('joined', { header: 'Joined' }),
  column.display({
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    cell: (info) => (
      <DropdownMenu
        trigger={<IconButton label={`Actions for ${info.row.original.name}`} icon="⋯" />}
        entries={[
          { label: 'Change role', onSelect: () => undefined },
          'separator',
          { label: 'Remove from project', danger: true, onSelect: () => undefined },
        ]}
      />
    ),
  }),
];

const members: Member[] = [
  { name: 'project-regular', role: 'operator', joined: '2026-12-01' },
  { name: 'admin', role: 'admin', joined: '2026-11-20' },
  { name: 'viewer-1', role: 'viewer', joined: '2026-12-05' },
  { name: 'zhang-wei', role: 'operator', joined: '2026-12-06' },
];

// Seeded, so every load shows the same thousand accounts.
const manyAccounts: Member[] = Array.from({ length: 1000 }, (_, index) => ({
  name: `account-${String((index * 7919) % 1000).padStart(4, '0')}`,
  role: (['admin', 'operator', 'viewer'] as const)[index % 3]!,
  joined: `2026-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
}));

const virtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: demo-project # the project
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
          weight: 80
        - destination:
            host: reviews
            subset: v2
          weight: 20
`;

const inviteSchema = z.object({
  username: z
    .string()
    .min(1, 'Enter the account name')
    .regex(/^[a-z0-9-]+$/, "Lowercase letters, digits and '-' only"),
  password: z.string().min(12, 'At least 12 characters'),
  role: z.enum(['viewer', 'operator', 'admin'], { message: 'Choose a role' }),
  notify: z.boolean(),
});
type InviteForm = z.infer<typeof inviteSchema>;

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`gallery-${title}`}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2
        id={`gallery-${title}`}
        className="mb-4 text-sm font-semibold tracking-wide text-slate-500 uppercase"
      >
        {title}
      </h2>
      <div className="flex flex-col gap-4">{children}</div>
    </section>
  );
}

function InviteFormDemo() {
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting, isSubmitSuccessful },
  } = useForm<InviteForm>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { username: 'Bad Name', password: '', role: undefined, notify: true },
  });
  return (
    <form
      noValidate
      onSubmit={handleSubmit(() => undefined)}
      className="flex flex-col gap-4"
      aria-label="Invite member (sample form)"
    >
      <Field
        label="Account"
        description="An existing account of the platform."
        error={errors.username?.message}
        required
      >
        {(field) => <TextInput {...field} {...register('username')} autoComplete="off" />}
      </Field>
      <Field label="Password" error={errors.password?.message} required>
        {(field) => (
          <PasswordInput {...field} {...register('password')} autoComplete="new-password" />
        )}
      </Field>
      <Controller
        control={control}
        name="role"
        render={({ field, fieldState }) => (
          <Field label="Role" error={fieldState.error?.message} required>
            {(control) => (
              <Select
                {...control}
                name={field.name}
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                options={[
                  { value: 'viewer', label: 'viewer' },
                  { value: 'operator', label: 'operator' },
                  { value: 'admin', label: 'admin' },
                ]}
              />
            )}
          </Field>
        )}
      />
      <Controller
        control={control}
        name="notify"
        render={({ field }) => (
          <div className="flex items-center gap-3">
            <Switch label="Send an e-mail" checked={field.value} onCheckedChange={field.onChange} />
            <span className="text-sm text-slate-700">Send an e-mail</span>
          </div>
        )}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" loading={isSubmitting}>
          Invite
        </Button>
        {isSubmitSuccessful ? <Badge tone="success">Valid</Badge> : null}
      </div>
    </form>
  );
}

/** The gallery itself: one card per part, each in its states. */
export function UiGallery({ open }: { open?: GalleryOpen }) {
  const toast = useToast();
  const [tab, setTab] = useTabInUrl(['overview', 'traffic', 'yaml'] as const, 'overview');
  const [weight, setWeight] = useState(20);
  const [dialogOpen, setDialogOpen] = useState(open === 'dialog');
  const [filter, setFilter] = useState('');
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    if (open === 'toast') {
      toast.show({ title: 'Release job reviews-canary created', tone: 'success' });
      toast.show({
        title: 'Could not reach the API server',
        description: 'Retrying in 4 s.',
        tone: 'error',
      });
    }
  }, [open, toast]);

  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center justify-between bg-slate-900 px-4 text-slate-100">
        <span className="text-lg font-semibold">Aviary · UI parts</span>
        <LanguageSwitch />
      </header>
      <main className="mx-auto grid max-w-6xl gap-5 p-6 lg:grid-cols-2">
        <h1 className="sr-only lg:col-span-2">Interface parts</h1>
        <div className="flex flex-col gap-3 lg:col-span-2">
          <Banner
            tone="error"
            title="The API server is unreachable"
            action={<Button size="sm">Retry now</Button>}
          >
            Retrying in 8 s. Changes you make now are not sent.
          </Banner>
          <Banner tone="warning" title="You can view this project but not change it">
            Your role in demo-project is viewer.
          </Banner>
          <Banner
            tone="info"
            title="Application governance is off for productpage"
            onDismiss={() => undefined}
          />
        </div>

        <Card title="Buttons">
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary">Create release job</Button>
            <Button>Edit</Button>
            <Button variant="danger">Roll back</Button>
            <Button variant="ghost">Cancel</Button>
            <Button variant="primary" loading>
              Saving
            </Button>
            <Button disabled>Disabled</Button>
            <Button size="sm">Small</Button>
            <Tooltip content="Refresh the list">
              <IconButton label="Refresh" icon="↻" variant="secondary" />
            </Tooltip>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="success" dot>
              Running
            </Badge>
            <Badge tone="warning" dot>
              Paused
            </Badge>
            <Badge tone="danger" dot>
              Failed
            </Badge>
            <Badge tone="info">Governed</Badge>
            <Badge>viewer</Badge>
            <Tag>app=reviews</Tag>
            <Tag>version: v2</Tag>
          </div>
        </Card>

        <Card title="Dialogs and menu">
          <div className="flex flex-wrap gap-2">
            <Dialog
              open={dialogOpen}
              onOpenChange={setDialogOpen}
              trigger={<Button variant="primary">Invite member</Button>}
              title="Invite member"
              description="The account gets the role in demo-project at once."
              footer={
                <>
                  <DialogClose>
                    <Button>Cancel</Button>
                  </DialogClose>
                  <Button variant="primary">Invite</Button>
                </>
              }
            >
              <p className="text-slate-700">A dialog holds a form or a detail.</p>
            </Dialog>
            <ConfirmDialog
              open={open === 'confirm' ? true : undefined}
              trigger={<Button variant="danger">Take offline</Button>}
              title="Take reviews-v2 offline?"
              description="All traffic goes to reviews-v1, then the reviews-v2 Deployment and its pods are deleted."
              confirmLabel="Take offline"
              variant="danger"
              onConfirm={() =>
                new Promise((_, reject) =>
                  setTimeout(
                    () =>
                      reject(
                        new Error('Forbidden: you may not delete deployments in demo-project'),
                      ),
                    600,
                  ),
                )
              }
            />
            <ConfirmDialog
              trigger={<Button>Promote</Button>}
              title="Promote reviews-v2?"
              description="reviews-v2 becomes the stable version and receives all traffic."
              confirmLabel="Promote"
              onConfirm={() => new Promise((resolve) => setTimeout(resolve, 600))}
            />
            <DropdownMenu
              heading="project-regular"
              trigger={<Button>User menu ▾</Button>}
              entries={[
                { label: 'Change password', onSelect: () => undefined },
                { label: 'API documentation', onSelect: () => undefined, disabled: true },
                'separator',
                { label: 'Sign out', onSelect: () => undefined },
              ]}
            />
            <Button onClick={() => toast.show({ title: 'Member invited', tone: 'success' })}>
              Show toast
            </Button>
          </div>
        </Card>

        <Card title="Tabs (kept in the URL)">
          <Tabs
            label="Release job details"
            value={tab}
            onValueChange={setTab}
            items={[
              {
                value: 'overview',
                label: 'Overview',
                content: <p className="text-sm">Canary of reviews: v1 80 %, v2 20 %.</p>,
              },
              {
                value: 'traffic',
                label: 'Traffic',
                content: <p className="text-sm">Request rate per version.</p>,
              },
              {
                value: 'yaml',
                label: 'YAML',
                content: <CodeBlock label="Command" code="aviary job get reviews-canary -o yaml" />,
              },
            ]}
          />
        </Card>

        <Card title="Slider and progress">
          <Slider
            label="Traffic to reviews-v2"
            value={weight}
            onValueChange={setWeight}
            step={5}
            valueText={(value) => `${value} %`}
            description="The rest goes to the stable version reviews-v1."
          />
          <ProgressBar label="Pods with a sidecar" value={3} max={5} valueText="3 of 5 pods" />
          <ProgressBar label="Steps" value={1} max={4} />
          <ProgressBar label="Waiting for pods" value={null} />
        </Card>

        <Card title="Form (react-hook-form + zod)">
          <InviteFormDemo />
        </Card>

        <Card title="Code and YAML">
          <CodeBlock label="Generated password" showLabel code="x7Qp-2mVd-Lr9k-Tz4c" />
          <YamlView label="VirtualService reviews" yaml={virtualService} maxHeight={260} />
        </Card>

        <div className="flex flex-col gap-5 lg:col-span-2">
          <Card title="Data table">
            <DataTable
              label="Members of demo-project"
              columns={memberColumns}
              data={members}
              filterable
              filter={filter}
              onFilterChange={setFilter}
              getRowId={(row) => row.name}
              initialSorting={[{ id: 'name', desc: false }]}
              toolbar={
                <Button variant="primary" size="sm">
                  Invite member
                </Button>
              }
            />
            <DataTable
              label="Release jobs"
              columns={memberColumns}
              data={[]}
              empty={
                <EmptyState
                  title="No release jobs yet"
                  description="Create one to send part of the traffic to a new version."
                  action={<Button variant="primary">Create release job</Button>}
                />
              }
            />
            <DataTable
              label="Accounts (1,000, virtualised)"
              showCaption
              columns={memberColumns.slice(0, 3)}
              data={manyAccounts}
              filterable
              virtualHeight={240}
            />
          </Card>
        </div>

        <Card title="Empty and error states">
          <EmptyState title="No members" description="Invite an account to share this project." />
          <ErrorState
            message="You may not list pods in demo-project (pods is forbidden for project-regular)."
            retrying={retrying}
            onRetry={() => {
              setRetrying(true);
              setTimeout(() => setRetrying(false), 800);
            }}
          />
        </Card>

        <Card title="Skeleton (loading.tsx)">
          <SkeletonRegion className="flex flex-col gap-3">
            <Skeleton className="h-6 w-48" />
            <Skeleton className="h-4 w-80" />
            <SkeletonTable rows={3} columns={4} />
          </SkeletonRegion>
        </Card>
      </main>
    </div>
  );
}
