import { createContext, useContext, useState, ReactNode } from 'react';
import type { Label } from './api';

/** Chinese first; English is one switch away. Every string is written in both, side by side. */
export type Lang = 'zh' | 'en';
const LANG_KEY = 'approvals.lang';

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, set] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => { localStorage.setItem(LANG_KEY, l); set(l); };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** `t('中文', 'English')` picks the current language; `l(label)` does the same for {zh, en} labels from the API. */
export function useT() {
  const { lang } = useContext(LangContext);
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const l = (label?: Label | null) => (label ? label[lang] : '');
  return { t, l, lang };
}
