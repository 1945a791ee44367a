'use client';

import { Select as SelectPrimitive, Switch as SwitchPrimitive } from 'radix-ui';
import { useId, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { cx, focusRing } from './class-names';

/** The attributes that tie a control to its label, description and error. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

/**
 * The accessibility attributes of a field's control: described by its description and its
 * error (in that order), invalid while it has an error.
 */
export function fieldControlProps(
  id: string,
  { description, error, required }: { description?: boolean; error?: string; required?: boolean },
): FieldControlProps {
  const describedBy = [description && `${id}-description`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return {
    id,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(required ? { 'aria-required': true as const } : {}),
  };
}

export interface FieldProps {
  label: ReactNode;
  /** A hint under the label ("Lowercase letters, digits and '-'"). */
  description?: ReactNode;
  /** The message of the field's error (react-hook-form's `errors.name?.message`). */
  error?: string;
  required?: boolean;
  /** Renders the control with the attributes that link it: `{(control) => <TextInput {...control} />}`. */
  children: (control: FieldControlProps) => ReactNode;
  id?: string;
}

/**
 * One labelled form field for react-hook-form: label, optional description, the control, and
 * the error message linked with aria-describedby and aria-invalid.
 *
 * ```tsx
 * <Field label={t('username')} error={errors.username?.message} required>
 *   {(control) => <TextInput {...control} {...register('username')} />}
 * </Field>
 * ```
 * For Select and Switch, render them inside react-hook-form's `Controller`.
 */
export function Field({ label, description, error, required, children, id: idProp }: FieldProps) {
  const t = useTranslations('ui.field');
  const generated = useId();
  const id = idProp ?? generated;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span className="ml-1 text-red-700">
            <span aria-hidden="true">*</span>
            <span className="sr-only">({t('required')})</span>
          </span>
        ) : null}
      </label>
      {children(fieldControlProps(id, { description: Boolean(description), error, required }))}
      {description ? (
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const inputClass = cx(
  'h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-600',
  focusRing,
);

export type TextInputProps = InputHTMLAttributes<HTMLInputElement> & {
  ref?: Ref<HTMLInputElement>;
};

/** A one-line text control; spread react-hook-form's `register(name)` into it. */
export function TextInput({ className, type = 'text', ...props }: TextInputProps) {
  return <input type={type} className={cx(inputClass, className)} {...props} />;
}

/** A password control with a button that shows or hides what was typed. */
export function PasswordInput({ className, ...props }: Omit<TextInputProps, 'type'>) {
  const t = useTranslations('ui.password');
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <input
        type={visible ? 'text' : 'password'}
        autoComplete="current-password"
        spellCheck={false}
        className={cx(inputClass, 'pr-16', className)}
        {...props}
      />
      <button
        type="button"
        aria-pressed={visible}
        aria-controls={props.id}
        onClick={() => setVisible((shown) => !shown)}
        className={cx(
          'absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900',
          focusRing,
        )}
      >
        {visible ? t('hide') : t('show')}
      </button>
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

export interface SelectProps extends Partial<FieldControlProps> {
  options: ReadonlyArray<SelectOption>;
  value: string | undefined;
  onValueChange: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
  name?: string;
  onBlur?: () => void;
}

/** A choice among a few known values (a role, a project), keyboard-searchable by typing. */
export function Select({
  options,
  value,
  onValueChange,
  placeholder,
  disabled,
  name,
  onBlur,
  ...control
}: SelectProps) {
  const t = useTranslations('ui.select');
  return (
    // '' is Radix's "nothing chosen" (it shows the placeholder); undefined would leave it uncontrolled.
    <SelectPrimitive.Root
      value={value ?? ''}
      onValueChange={onValueChange}
      disabled={disabled}
      name={name}
    >
      <SelectPrimitive.Trigger
        {...control}
        onBlur={onBlur}
        className={cx(inputClass, 'flex items-center justify-between gap-2 text-left')}
      >
        <SelectPrimitive.Value placeholder={placeholder ?? t('placeholder')} />
        <SelectPrimitive.Icon className="text-slate-500">
          <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3" fill="currentColor">
            <path d="M2 4l4 4 4-4z" />
          </svg>
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Content
        position="popper"
        sideOffset={4}
        className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
      >
        <SelectPrimitive.Viewport className="p-1">
          {options.map((option) => (
            <SelectPrimitive.Item
              key={option.value}
              value={option.value}
              disabled={option.disabled}
              className="relative flex cursor-default items-center rounded py-1.5 pr-2 pl-7 text-sm text-slate-800 outline-none select-none data-[disabled]:text-slate-400 data-[highlighted]:bg-slate-100"
            >
              <SelectPrimitive.ItemIndicator className="absolute left-2 text-emerald-700">
                <svg
                  aria-hidden="true"
                  viewBox="0 0 12 12"
                  className="size-3"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                >
                  <path d="M2 6l3 3 5-6" />
                </svg>
              </SelectPrimitive.ItemIndicator>
              <SelectPrimitive.ItemText>{option.label}</SelectPrimitive.ItemText>
            </SelectPrimitive.Item>
          ))}
        </SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Root>
  );
}

export interface SwitchProps extends Partial<FieldControlProps> {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  name?: string;
  /** Names the switch when it has no Field label (`aria-label`). */
  label?: string;
}

/** An on/off setting that applies at once or with the form (application governance). */
export function Switch({
  checked,
  onCheckedChange,
  disabled,
  name,
  label,
  ...control
}: SwitchProps) {
  return (
    <SwitchPrimitive.Root
      {...control}
      aria-label={label}
      checked={checked}
      onCheckedChange={onCheckedChange}
      disabled={disabled}
      name={name}
      className={cx(
        'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-slate-300 transition-colors disabled:opacity-50 data-[state=checked]:bg-emerald-600',
        focusRing,
      )}
    >
      <SwitchPrimitive.Thumb className="block size-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.375rem]" />
    </SwitchPrimitive.Root>
  );
}
