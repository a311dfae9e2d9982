// What the Engine view derives from the engine's own labels. `npm start` starts its throwaway
// demo engine with this label (scripts/start.mjs reads the name from here), so the view can say
// that what it shows is sample data that goes away with `npm start`.
export const DEMO_ENGINE_LABEL = 'wharf.demo';

/** True for an engine started by `npm start` as a demo (dockerd --label wharf.demo=true). */
export function isDemoEngine(labels: Readonly<Record<string, string>> | undefined): boolean {
  return labels?.[DEMO_ENGINE_LABEL] === 'true';
}
