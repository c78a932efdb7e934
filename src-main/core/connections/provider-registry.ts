import type { ProviderKind } from '../../../src-shared/connections';
import type { Provider, ProviderContext } from '../providers/provider';
import { createSportAllianceProvider } from '../providers/sport-alliance/sport-alliance-provider';
import { createWellhubProvider } from '../providers/wellhub/wellhub-provider';
import { createWhautomateProvider } from '../providers/whautomate/whautomate-provider';
import { createZenotiProvider } from '../providers/zenoti/zenoti-provider';

/** One adapter per kind of system; Magicline and PerfectGym Next are one API on two hosts. */
export function createProvider(kind: ProviderKind, context: ProviderContext): Provider {
  switch (kind) {
    case 'magicline':
    case 'perfectgym':
      return createSportAllianceProvider(context, kind);
    case 'zenoti':
      return createZenotiProvider(context);
    case 'whautomate':
      return createWhautomateProvider(context);
    case 'wellhub':
      return createWellhubProvider(context);
  }
}
