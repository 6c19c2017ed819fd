// js-yaml ships no types; the packaging test needs only load().
declare module 'js-yaml' {
  export function load(text: string): unknown;
  const jsYaml: { load: typeof load };
  export default jsYaml;
}
