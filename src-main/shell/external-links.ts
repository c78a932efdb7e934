/**
 * The only pages Classdesk opens in the user's browser: the booking systems'
 * own help and developer pages, which the Connections screen may point to.
 * `shell.openExternal` hands a URL to the operating system, which would as
 * happily run `file:`, `smb:` or a custom app scheme; so anything not on this
 * list, over https, on the default port and without credentials, is refused.
 */
export const providerHelpHosts: readonly string[] = [
  'developer.sportalliance.com', // Magicline and PerfectGym Next (Sport Alliance)
  'developer.magicline.com',
  'docs.zenoti.com',
  'help.whautomate.com',
  'developers.gympass.com', // Wellhub
];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    providerHelpHosts.includes(parsed.hostname)
  );
}
