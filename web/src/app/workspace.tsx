import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { setCsrfToken } from '../api/client';
import { sessionOnce, type Session } from '../api/pending';
import { registry } from '../api/registry';
import type { Health } from '../api/types';

export interface WorkspaceInfo {
  health: Health | null;
  healthError: unknown;
  /** null: the session could not be read (the server did not answer); undefined: still asking. */
  session: Session | null | undefined;
  refreshSession: () => void;
}

const Ctx = createContext<WorkspaceInfo>({ health: null, healthError: null, session: undefined, refreshSession: () => {} });
export const useWorkspace = () => useContext(Ctx);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [health, setHealth] = useState<Health | null>(null);
  const [healthError, setHealthError] = useState<unknown>(null);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    registry.health().then(setHealth, setHealthError);
  }, []);
  useEffect(() => {
    sessionOnce(tick > 0).then(
      (s) => { setCsrfToken(s.csrfToken); setSession(s); },
      () => { setCsrfToken(null); setSession(null); },
    );
  }, [tick]);

  return <Ctx.Provider value={{ health, healthError, session, refreshSession: () => setTick((n) => n + 1) }}>{children}</Ctx.Provider>;
}
