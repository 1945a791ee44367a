'use client';

import type { ReactNode } from 'react';
import {
  Controller,
  type Control,
  type FieldPathByValue,
  type FieldValues,
  type PathValue,
} from 'react-hook-form';
import { Field, Select, type SelectOption } from './form-field';

export interface SelectFieldProps<
  TForm extends FieldValues,
  TName extends FieldPathByValue<TForm, string>,
> {
  /** The form's `control` (from `useForm`). */
  control: Control<TForm>;
  /** The form field the Select sets (a string field: a role). */
  name: TName;
  label: ReactNode;
  /** The hint under the label for the value chosen now ("Viewers see ..."). */
  describe?: (value: PathValue<TForm, TName>) => ReactNode;
  error?: string;
  required?: boolean;
  options: ReadonlyArray<SelectOption>;
}

/** A labelled Select bound to one field of a react-hook-form form, its hint following the value. */
export function SelectField<
  TForm extends FieldValues,
  TName extends FieldPathByValue<TForm, string>,
>({ control, name, label, describe, error, required, options }: SelectFieldProps<TForm, TName>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Field
          label={label}
          description={describe?.(field.value)}
          error={error}
          required={required}
        >
          {(fieldControl) => (
            <Select
              {...fieldControl}
              name={field.name}
              value={field.value as string}
              onValueChange={field.onChange}
              onBlur={field.onBlur}
              options={options}
            />
          )}
        </Field>
      )}
    />
  );
}
