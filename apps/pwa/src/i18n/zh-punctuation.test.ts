import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Chinese sentences take full-width punctuation (，：？！（）；): an ASCII comma or colon between
 * Chinese characters reads as a typo to a Chinese user and is spoken without its pause. Every
 * string the app and its prompts hold is read from the source (string tables, `language ===
 * 'zh-CN'` branches, JSX text), placeholders (`${count}`) standing for a code.
 */

/** The PWA's, the domain's (the spoken prompts) and the server's sources, without their tests. */
const SOURCES: Record<string, string> = import.meta.glob(
  [
    '../**/*.{ts,tsx}',
    '../../../../packages/domain/src/**/*.ts',
    '../../../server/src/**/*.ts',
    '!**/*.test.{ts,tsx}',
  ],
  { query: '?raw', import: 'default', eager: true },
);

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** An ASCII , : ? ! ( ) ; with a Chinese character right before or after it. */
const ASCII_BESIDE_CJK = new RegExp(`[${CJK}][,:?!();]|[,:?!();][${CJK}]`, 'u');
/** Two Latin words in a row: an English sentence that quotes a Chinese name keeps ASCII marks. */
const ENGLISH = /[A-Za-z]+ [A-Za-z]+/;

/** The text of every string, template (placeholders as `X`) and JSX text in a file. */
function textsOf(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isJsxText(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node))
      texts.push(
        node.head.text + node.templateSpans.map((span) => `X${span.literal.text}`).join(''),
      );
    ts.forEachChild(node, visit);
  };
  visit(file);
  return texts;
}

function asciiPunctuationInChinese(texts: readonly string[]): string[] {
  return texts.filter((text) => ASCII_BESIDE_CJK.test(text) && !ENGLISH.test(text));
}

describe('Chinese punctuation', () => {
  it('finds an ASCII comma, colon or parenthesis in a Chinese sentence, not in an English one', () => {
    expect(
      asciiPunctuationInChinese([
        '已盘点 X(系统库存 X)。',
        '颜色越深,订单越多',
        '请将 X 件 X 放回库位 X:该拣货行已拣完',
        '库位 A-01-02：已满',
        '已盘点 X（系统库存 X）。',
        'WeChat Channels shop (微信小店)',
        'A-01-02, B-03-04',
      ]),
    ).toEqual([
      '已盘点 X(系统库存 X)。',
      '颜色越深,订单越多',
      '请将 X 件 X 放回库位 X:该拣货行已拣完',
    ]);
  });

  it('every Chinese text of the app and its prompts uses full-width punctuation', () => {
    const files = Object.entries(SOURCES);
    expect(files.length).toBeGreaterThan(150);
    const found = files.flatMap(([path, source]) =>
      asciiPunctuationInChinese(textsOf(path, source)).map((text) => `${path}: ${text}`),
    );
    expect(found).toEqual([]);
  });
});
