/**
 * Normalises a consignee name: trims, drops inner spaces between Chinese characters, collapses
 * other runs of whitespace.
 *
 * @example cleanConsigneeName('  王 芳 ') // → '王芳'
 */
export function cleanConsigneeName(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '');
}
