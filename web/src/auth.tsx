import { createContext, useCallback, useContext, useEffect, useState, ReactNode } from 'react';
import { api, setToken, getToken, whenUnauthorized, User } from './api';

interface Auth {
  user: User | null;
  /** the last session ended on the server (expired or ended elsewhere), not by logging out here */
  expired: boolean;
  loading: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => void;
  has: (...roles: string[]) => boolean;
}

const AuthContext = createContext<Auth>(null as unknown as Auth);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(Boolean(getToken()));
  const [expired, setExpired] = useState(false);

  const forget = useCallback(() => { setToken(null); setUser(null); }, []);
  useEffect(() => {
    // A 401 with a token in hand: the session ran out; the login page says so instead of just appearing.
    whenUnauthorized(() => { if (getToken()) setExpired(true); forget(); });
    if (!getToken()) return;
    api.get<{ user: User }>('/me').then((r) => setUser(r.user)).catch(forget).finally(() => setLoading(false));
  }, [forget]);
  // The server ends the session too; the browser forgets it even if that call fails.
  const logout = () => { void api.post('/auth/logout', {}).catch(() => undefined).finally(forget); };

  const login = async (username: string, password: string) => {
    const r = await api.post<{ token: string; user: User }>('/auth/login', { username, password });
    setToken(r.token);
    setExpired(false);
    setUser(r.user);
    return r.user;
  };
  const has = (...roles: string[]) => Boolean(user?.roles.some((r) => roles.includes(r.id)));
  return <AuthContext.Provider value={{ user, expired, loading, login, logout, has }}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
