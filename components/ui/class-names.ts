/** Joins the class names that apply, skipping `false`, `null`, `undefined` and empty strings. */
export function cx(...parts: ReadonlyArray<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}

/** The keyboard focus ring every interactive part shows (never on mouse clicks). */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-600';
