import type { QueueItem } from '@wms/protocol';
import type { ConsoleWords } from '../i18n/console-words';
import type { Formats } from '../i18n/format';
import type { Language } from '@wms/protocol';

/** Evidence keys whose values are codes or names as the world wrote them, not words to translate. */
const CODES = new Set(['wave', 'bin', 'sku', 'line', 'pickedBy', 'device', 'order', 'type']);

/**
 * What the server knows of a queue item, keys in the user's language, codes left as they are. A
 * product is named in the user's language: `skuZh` (its Chinese name) stands in for `sku` on a
 * zh-CN console and is left out on an English one.
 */
export function QueueEvidence(props: {
  evidence: QueueItem['evidence'];
  words: ConsoleWords;
  format: Formats;
  language: Language;
}) {
  const { words, format, language } = props;
  const { skuZh, ...rest } = props.evidence;
  const evidence =
    language === 'zh-CN' && skuZh != null && rest.sku != null ? { ...rest, sku: skuZh } : rest;
  return (
    <dl className="evidence">
      {Object.entries(evidence)
        .filter(([, v]) => v !== null)
        .map(([key, value]) => (
          <div key={key}>
            <dt>{words.evidence[key] ?? key}</dt>
            <dd translate={CODES.has(key) ? 'no' : undefined}>
              {valueText(key, value, words, format)}
            </dd>
          </div>
        ))}
    </dl>
  );
}

function valueText(
  key: string,
  value: string | number | null,
  words: ConsoleWords,
  format: Formats,
): string {
  if (value === null) return '';
  if (key === 'deviceTime') return format.dateTime(String(value));
  if (key === 'detail') return words.detailText(String(value));
  if (key === 'channel') {
    // `taobao 1234567`: the channel worded, the channel's order number as it is.
    const [channel = '', ...number] = String(value).split(' ');
    return [words.channel[channel] ?? channel, ...number].join(' ');
  }
  if (typeof value === 'number') return format.number(value);
  return value;
}
