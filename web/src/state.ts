// The URL is the state: every view can be bookmarked, shared and reopened as it was.
export type Params = Record<string, string>;

export function readParams(): Params {
  return Object.fromEntries(new URLSearchParams(location.search));
}

export function paramsUrl(path: string, params: Params): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) p.set(k, v);
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Update the URL for the current view; push a history entry when the user changed something. */
export function writeParams(params: Params, push: boolean): void {
  const url = paramsUrl(location.pathname, params);
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
