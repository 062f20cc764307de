/**
 * The block kinds that have a script (`src/player/blocks/<kind>.ts`, see contract.ts). The build
 * bundles `blocks/<kind>.js` into a package only when its course uses the kind. Add a kind here
 * when you add its script (one per line, sorted).
 */
export const SCRIPTED_BLOCKS: readonly string[] = [
  'accordion',
  'flip-cards',
  'hotspots',
  'scenario',
  'stepper',
  'tabs',
];
