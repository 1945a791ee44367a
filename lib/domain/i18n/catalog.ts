/**
 * The shape a translation must have: the English catalog's nesting, with any string as each
 * message. English is the reference; a catalog missing or adding a key does not type-check.
 */
export type Catalog<Reference> = {
  -readonly [Key in keyof Reference]: Reference[Key] extends string
    ? string
    : Catalog<Reference[Key]>;
};

/** Dotted paths to every message below `Area` (`'nav.grayscale'`), for keys kept in data. */
export type MessagePath<Area> = {
  [Key in keyof Area & string]: Area[Key] extends string ? Key : `${Key}.${MessagePath<Area[Key]>}`;
}[keyof Area & string];
