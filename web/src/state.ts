// The URL is the state: every view can be bookmarked, shared and reopened as it was.
import { withQuery } from '../../src/model/page-requests.ts';

export type Params = Record<string, string>;

export function readParams(): Params {
  return Object.fromEntries(new URLSearchParams(location.search));
}

/** The page's URL for these params (empty ones left out); the API's URLs are written the same way. */
export const paramsUrl = (path: string, params: Params): string => withQuery(path, params);

/** Update the URL for the current view; push a history entry when the user changed something. */
export function writeParams(params: Params, push: boolean): void {
  const url = paramsUrl(location.pathname, params);
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
