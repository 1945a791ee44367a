'use client';

import { Slider as SliderPrimitive } from 'radix-ui';
import { useId } from 'react';
import { cx, focusRing } from './class-names';

export interface SliderProps {
  /** Visible label, also the slider's accessible name ("Traffic to the new version"). */
  label: string;
  value: number;
  onValueChange: (value: number) => void;
  /** Called once the user lets go (or after a key press): send the change to the server here. */
  onValueCommit?: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  /** The value in words, shown beside the label and read out: `(v) => \`${v} %\``. */
  valueText?: (value: number) => string;
  disabled?: boolean;
  /** Explains the slider; linked with aria-describedby. */
  description?: string;
}

/**
 * Picks a number in a range by dragging or with the arrow keys (Page Up/Down for big steps,
 * Home/End for the ends): a traffic weight, a step's percentage.
 */
export function Slider({
  label,
  value,
  onValueChange,
  onValueCommit,
  min = 0,
  max = 100,
  step = 1,
  valueText = String,
  disabled,
  description,
}: SliderProps) {
  const id = useId();
  const text = valueText(value);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-4 text-sm">
        <span id={`${id}-label`} className="font-medium text-slate-800">
          {label}
        </span>
        <output htmlFor={`${id}-thumb`} className="font-mono text-slate-700 tabular-nums">
          {text}
        </output>
      </div>
      <SliderPrimitive.Root
        value={[value]}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        onValueChange={([next]) => next !== undefined && onValueChange(next)}
        onValueCommit={([next]) => next !== undefined && onValueCommit?.(next)}
        className="relative flex h-5 w-full touch-none items-center select-none data-[disabled]:opacity-50"
      >
        <SliderPrimitive.Track className="relative h-1.5 grow rounded-full bg-slate-200">
          <SliderPrimitive.Range className="absolute h-full rounded-full bg-emerald-600" />
        </SliderPrimitive.Track>
        <SliderPrimitive.Thumb
          id={`${id}-thumb`}
          aria-labelledby={`${id}-label`}
          aria-valuetext={text}
          aria-describedby={description ? `${id}-description` : undefined}
          className={cx(
            'block size-5 rounded-full border-2 border-emerald-700 bg-white shadow',
            focusRing,
          )}
        />
      </SliderPrimitive.Root>
      {description ? (
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
        </p>
      ) : null}
    </div>
  );
}
