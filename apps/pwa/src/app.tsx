import type { Language } from '@wms/protocol';
import { lazy, Suspense, useEffect, useState } from 'react';
import {
  LanguageContext,
  rememberedLanguage,
  rememberLanguage,
  messagesByLanguage,
} from './i18n/language';
import { MoveRefusalList } from './moves/move-refusal-list';
import { PickerScreens } from './picker/picker-screens';
import { LoginScreen } from './session/login-screen';
import { useSession } from './session/use-session';
import { forgetFirstScreen } from './shell/first-screen';
import { NoticeList } from './shell/notice-list';
import { ProblemBanner } from './shell/problem-banner';
import { StatusBar } from './shell/status-bar';
import { UpdatePrompt } from './shell/update-prompt';
import { pointManifestAt } from './shell/manifest-language';

/** The supervisor console: its own chunk, so the handheld's first load never carries it. */
const ConsoleScreen = lazy(() => import('./supervisor/console-screen'));
/** The admin screens: a separate chunk, fetched only when an admin opens them. */
const AdminArea = lazy(() => import('./admin/admin-area'));

/** The handheld app: status bar and banners always on top, then the login or picker screens. */
export function App() {
  const sessionState = useSession();
  const [deviceLanguage, setDeviceLanguage] = useState<Language>(rememberedLanguage);
  const [handheldView, setHandheldView] = useState(false);
  const [adminOpen, setAdminOpen] = useState(false);
  const language =
    sessionState.status === 'signed-in' ? sessionState.session.user.language : deviceLanguage;

  useEffect(() => {
    document.documentElement.lang = language;
    pointManifestAt(language);
  }, [language]);
  useEffect(forgetFirstScreen, []);

  const chooseLanguage = (next: Language) => {
    rememberLanguage(next);
    setDeviceLanguage(next);
  };

  return (
    <LanguageContext value={language}>
      <div className="app">
        <StatusBar />
        <ProblemBanner />
        <UpdatePrompt />
        {sessionState.status === 'signed-in' && <NoticeList />}
        {sessionState.status === 'signed-in' && <MoveRefusalList />}
        <main>
          {sessionState.status === 'loading' && (
            <p className="screen">{messagesByLanguage[language].loading}</p>
          )}
          {sessionState.status === 'signed-out' && (
            <LoginScreen onLanguageChange={chooseLanguage} />
          )}
          {sessionState.status === 'signed-in' &&
            sessionState.session.user.role === 'admin' &&
            (adminOpen ? (
              <Suspense fallback={<p className="screen">{messagesByLanguage[language].loading}</p>}>
                <AdminArea session={sessionState.session} onClose={() => setAdminOpen(false)} />
              </Suspense>
            ) : (
              <button
                type="button"
                className="button-secondary"
                data-testid="open-admin"
                onClick={() => setAdminOpen(true)}
              >
                {messagesByLanguage[language].admin.open}
              </button>
            ))}
          {sessionState.status === 'signed-in' &&
            !adminOpen &&
            (isLead(sessionState.session.user.role) && !handheldView ? (
              <Suspense fallback={<p className="screen">{messagesByLanguage[language].loading}</p>}>
                <ConsoleScreen
                  session={sessionState.session}
                  onHandheld={() => setHandheldView(true)}
                />
              </Suspense>
            ) : (
              <>
                {isLead(sessionState.session.user.role) && (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => setHandheldView(false)}
                  >
                    {messagesByLanguage[language].console.backToConsole}
                  </button>
                )}
                <PickerScreens session={sessionState.session} />
              </>
            ))}
        </main>
      </div>
    </LanguageContext>
  );
}

/** Supervisors and admins get the console (pickers keep the handheld screens). */
function isLead(role: string): boolean {
  return role === 'supervisor' || role === 'admin';
}
