// What the Engine view derives from the engine's own labels. `npm start` starts its throwaway
// demo engine with this label (scripts/start.mjs reads the name from here), so the view can say
// that what it shows is sample data that goes away with `npm start`.
export const DEMO_ENGINE_LABEL = 'wharf.demo';

/**
 * Where `npm start` puts the URL of its demo engine offer (scripts/lib/demoOffer.mjs; start.mjs
 * reads the name from here): the VS Code server's environment, which the extension host inherits.
 */
export const DEMO_ENGINE_ENV = 'WHARF_DEMO_ENGINE';

/** True for an engine started by `npm start` as a demo (dockerd --label wharf.demo=true). */
export function isDemoEngine(labels: Readonly<Record<string, string>> | undefined): boolean {
  return labels?.[DEMO_ENGINE_LABEL] === 'true';
}
