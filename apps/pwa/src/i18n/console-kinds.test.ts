import { exceptionKindSchema, taskKindSchema } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { consoleWordsByLanguage, kindText } from './console-words';

/** Every kind the queue can show is worded in each language: never the raw English code. */
describe('the console words every exception and task kind', () => {
  const kinds = [...exceptionKindSchema.options, ...taskKindSchema.options];
  it.each(Object.entries(consoleWordsByLanguage))('in %s', (language, words) => {
    const unworded = kinds.filter((kind) => kindText(words, kind) === kind);
    expect(unworded).toEqual([]);
    if (language === 'zh-CN')
      for (const kind of kinds) expect(kindText(words, kind)).toMatch(/[\u4e00-\u9fff]/);
  });
});
