/**
 * What `npm start` / `npm run dev` decide before handing over to electron-vite:
 * is there a display, is Electron's binary there, does it run. Pure functions
 * over facts gathered elsewhere (launch-electron.ts), so every branch is tested
 * in plain Node with stand-ins; nothing here touches the disk or the network.
 */

/** The single line a launch that cannot go ahead ends with: the reason, and the way that works anyway. */
export function refusal(reason: string): string {
  return `Classdesk's desktop app cannot start here: ${reason}. Run \`npm run web\` to use Classdesk in a browser instead.`;
}

/**
 * Electron on Linux and the BSDs draws through X11 or Wayland; without either it
 * aborts deep inside Chromium with a page of errors. macOS and Windows always
 * have a window server for a logged-in user.
 */
export function displayProblem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return undefined;
  if (nonEmpty(env['DISPLAY']) || nonEmpty(env['WAYLAND_DISPLAY'])) return undefined;
  return 'this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

export type BinaryState =
  | { kind: 'present'; path: string }
  /** Not downloaded yet (no path.txt), or path.txt names a file that is gone. */
  | { kind: 'missing'; expectedAt: string | undefined }
  /** ELECTRON_EXEC_PATH names a binary that is not there: never download over someone's explicit choice. */
  | { kind: 'override-missing'; path: string };

export interface BinaryFacts {
  /** node_modules/electron. */
  packageDir: string;
  env: NodeJS.ProcessEnv;
  /** Contents of node_modules/electron/path.txt, written by install-electron; undefined when absent. */
  pathTxt: string | undefined;
  exists: (path: string) => boolean;
  join: (...parts: string[]) => string;
}

/**
 * Finds the binary the way electron-vite and Electron's own index.js do:
 * ELECTRON_EXEC_PATH wins; otherwise path.txt names the executable inside
 * dist/ (ELECTRON_OVERRIDE_DIST_PATH moves dist). electron-vite only checks that
 * path.txt exists and throws "Electron uninstall" otherwise — we also check the file.
 */
export function locateBinary(facts: BinaryFacts): BinaryState {
  const override = facts.env['ELECTRON_EXEC_PATH'];
  if (nonEmpty(override)) {
    return facts.exists(override) ? { kind: 'present', path: override } : { kind: 'override-missing', path: override };
  }
  const relative = facts.pathTxt?.trim();
  if (!relative) return { kind: 'missing', expectedAt: undefined };
  const distDir = nonEmpty(facts.env['ELECTRON_OVERRIDE_DIST_PATH'])
    ? facts.env['ELECTRON_OVERRIDE_DIST_PATH']
    : facts.join(facts.packageDir, 'dist');
  const path = facts.join(distDir, relative);
  return facts.exists(path) ? { kind: 'present', path } : { kind: 'missing', expectedAt: path };
}

/** Whether the launcher may run install-electron: the environment can forbid downloads (CI does). */
export function downloadForbidden(env: NodeJS.ProcessEnv): string | undefined {
  const skip = env['ELECTRON_SKIP_BINARY_DOWNLOAD'];
  if (nonEmpty(skip) && skip !== '0' && skip.toLowerCase() !== 'false') {
    return "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD forbids downloading it";
  }
  return undefined;
}

/**
 * What went wrong, from install-electron's output (it prints the error's stack
 * and exits 1). Its fetch says only "fetch failed" when the network is out of
 * reach, so the launcher also looks up the download host and passes what it found.
 */
export function explainInstallFailure(output: string, timedOut: boolean, unresolvableHost?: string): string {
  const prefix = "Electron's binary is not installed and could not be downloaded";
  if (timedOut) return `${prefix} (the download did not finish in time)`;
  const unreachable = unresolvableHost ?? /\b(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/.exec(output)?.[1];
  if (unreachable) return `${prefix} (no network: ${unreachable} cannot be resolved)`;
  if (/\b(?:ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNRESET)\b|socket hang up|Timeout awaiting|fetch failed/i.test(output)) {
    return `${prefix} (no network connection to its download server)`;
  }
  if (/certificate|\bCERT_|\bSSL\b/i.test(output)) return `${prefix} (a TLS certificate was refused, often a proxy in between)`;
  const http = /Response code (\d{3})|HTTPError[^\n]*?(\d{3})/.exec(output);
  if (http) return `${prefix} (the download server answered HTTP ${http[1] ?? http[2]})`;
  if (/checksum|sha256/i.test(output)) return `${prefix} (the download did not match Electron's published checksum)`;
  return `${prefix} (install-electron said: ${lastMeaningfulLine(output) ?? 'nothing'})`;
}

/** Why the binary that is there does not run (probed with `--version`, which needs no display). */
export function explainProbeFailure(path: string, output: string, timedOut: boolean): string {
  if (timedOut) return `Electron's binary at ${path} did not answer \`--version\``;
  const library = /error while loading shared libraries: ([^:\s]+)/.exec(output);
  if (library) return `Electron's binary cannot run on this machine (system library ${library[1]} is missing)`;
  return `Electron's binary at ${path} does not run (${lastMeaningfulLine(output) ?? 'it exited without a word'})`;
}

/** Where install-electron downloads from (@electron/get honours ELECTRON_MIRROR); only its host is looked up. */
export function downloadHost(env: NodeJS.ProcessEnv): string {
  const mirror = env['ELECTRON_MIRROR'] ?? env['npm_config_electron_mirror'];
  if (nonEmpty(mirror)) {
    try {
      return new URL(mirror).hostname;
    } catch {
      // An unparsable mirror fails install-electron too; its own output explains that.
    }
  }
  return 'github.com';
}

/** electron-vite's command for each npm script: `npm start` builds and opens, `npm run dev` hot-reloads. */
export function electronViteArgs(mode: string, extra: readonly string[]): string[] | undefined {
  if (mode === 'start' || mode === 'preview') return ['preview', ...extra];
  if (mode === 'dev') return ['dev', ...extra];
  return undefined;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** The last line that says something: stack frames ("    at …") say where, not what. */
function lastMeaningfulLine(output: string): string | undefined {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  const line = lines.find((candidate) => /error/i.test(candidate)) ?? lines.at(-1);
  return line === undefined ? undefined : line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
