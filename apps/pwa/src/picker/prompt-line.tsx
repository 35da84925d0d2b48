import type { RenderedPrompt } from '@wms/domain';
import { useEffect, useState } from 'react';
import { repeatLastPrompt, subscribeToPrompts } from '../device/speech/speech';
import { useMessages } from '../i18n/language';

/** The last spoken prompt, on screen too (speech may be missing or drowned out), with Repeat. */
export function PromptLine() {
  const t = useMessages();
  const [prompt, setPrompt] = useState<RenderedPrompt | null>(null);
  useEffect(() => subscribeToPrompts(setPrompt), []);
  if (!prompt) return null;
  return (
    <div className="prompt-line" role="status">
      <span aria-hidden="true">🔊</span>
      <span data-testid="prompt-text" lang={prompt.language}>
        {prompt.text}
      </span>
      <button
        type="button"
        className="button-secondary"
        data-testid="repeat-prompt"
        onMouseDown={(event) => event.preventDefault()}
        onClick={repeatLastPrompt}
      >
        {t.pick.repeat}
      </button>
    </div>
  );
}
