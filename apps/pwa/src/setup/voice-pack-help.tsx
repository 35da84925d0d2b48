import type { Language } from '@wms/protocol';
import type { VoiceCheck } from '../device/speech/speech-queue';
import { useMessages } from '../i18n/language';

/**
 * Says that the handheld has no voice for the user's language (prompts are then on screen only)
 * and how to install one. At sign-in the steps fold away; Settings shows them open.
 */
export function VoicePackHelp({
  check,
  language,
  open = false,
}: {
  check: VoiceCheck;
  language: Language;
  open?: boolean;
}) {
  const t = useMessages();
  if (check.status !== 'missing') return null;
  return (
    <div className="banner banner-warning voice-missing" role="status" data-testid="voice-missing">
      <p>{t.setup.voiceMissing(t.setup.voiceLanguage[language])}</p>
      <details open={open}>
        <summary>{t.setup.voiceInstallTitle}</summary>
        <ol data-testid="voice-install">
          {t.setup.voiceInstall.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
