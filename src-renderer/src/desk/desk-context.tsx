import { createContext, useContext, type ReactNode } from 'react';
import type { DeskApi } from '../../../src-shared/contract';
import type { DeskDatabase } from '../data/db';

interface DeskServices {
  db: DeskDatabase;
  desk: DeskApi;
}

const DeskContext = createContext<DeskServices | null>(null);

/** Hands screens the cache and the core, so tests can give them their own of each. */
export function DeskProvider({ db, desk, children }: DeskServices & { children: ReactNode }) {
  return <DeskContext.Provider value={{ db, desk }}>{children}</DeskContext.Provider>;
}

function useServices(): DeskServices {
  const services = useContext(DeskContext);
  if (!services) throw new Error('Screens must be rendered inside <DeskProvider>');
  return services;
}

export const useDb = (): DeskDatabase => useServices().db;
export const useDesk = (): DeskApi => useServices().desk;
