/**
 * Node module hook (runs on the loader thread): `import 'server-only'` gets the package's empty
 * module instead of the one that throws, which is what Next.js does for server code. Outside a
 * browser bundle there is nothing for the marker to guard against.
 */
let emptyModuleUrl;

export function initialize(data) {
  emptyModuleUrl = data.emptyModuleUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only')
    return { url: emptyModuleUrl, format: 'commonjs', shortCircuit: true };
  return nextResolve(specifier, context);
}
