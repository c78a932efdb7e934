import type { ProviderKind } from '../../../src-shared/connections';
import type { Provider, ProviderContext } from '../providers/provider';

/** One adapter per kind of system; Magicline and PerfectGym Next share the Sport Alliance adapter. */
export function createProvider(kind: ProviderKind, _context: ProviderContext): Provider {
  throw new Error(`Classdesk cannot connect to ${kind} yet.`);
}
