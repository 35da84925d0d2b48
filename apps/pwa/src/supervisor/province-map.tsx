import type { Board } from '@wms/protocol';
import { consoleWordsByLanguage } from '../i18n/console-words';
import { useFormats } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { tileCounts } from './province-tiles';
import './province-map.css';

/**
 * The heat map of order destinations (M2.2): one tile per province in its rough place, shaded
 * by its orders. Its own chunk, loaded with the board; every tile carries its name and count as
 * text, so a screen reader reads the same map.
 */
export default function ProvinceMap({ provinces }: { provinces: Board['provinces'] }) {
  const language = useLanguage();
  const words = consoleWordsByLanguage[language];
  const format = useFormats();
  const { tiles, others, max } = tileCounts(provinces);
  return (
    <figure className="province-map" data-testid="province-map">
      <ul className="province-grid" aria-label={words.map.title}>
        {tiles.map(({ tile, orders }) => {
          const name = language === 'zh-CN' ? tile.zh : tile.en;
          const count = orders === 0 ? words.map.none : words.map.orders(orders);
          return (
            <li
              key={tile.zh}
              className={orders / max > 0.45 ? 'province-tile province-hot' : 'province-tile'}
              data-testid={`province-${tile.zh}`}
              data-orders={orders}
              aria-label={`${name}: ${count}`}
              title={`${name}: ${count}`}
              style={{
                gridColumn: tile.col + 1,
                gridRow: tile.row + 1,
                ['--heat' as string]: String(orders / max),
              }}
            >
              <span className="province-name">{name}</span>
              <strong className="province-count">{format.number(orders)}</strong>
            </li>
          );
        })}
      </ul>
      <figcaption>{words.map.legend}</figcaption>
      {others.length > 0 && (
        <ul className="province-others" data-testid="province-others">
          {others.map((p) => (
            <li key={p.province}>
              {p.province}: {words.map.orders(p.orders)}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
