import { useMessages } from '../i18n/language';
import { waybillText, type WaybillPrinter } from './use-waybill-printer';

/**
 * What became of the last "Print waybill" (with a link to the PDF, should the pop-up be blocked)
 * and one button per packed parcel still without a printed waybill.
 */
export function WaybillPanel({ printer }: { printer: WaybillPrinter }) {
  const t = useMessages();
  const { notice, waiting, print } = printer;
  const failed = notice?.kind === 'refused' || notice?.kind === 'offline';
  return (
    <>
      {notice && (
        <p
          className={failed ? 'error' : 'ok'}
          role={failed ? 'alert' : 'status'}
          data-testid="waybill-notice"
          data-kind={notice.kind}
        >
          {waybillText(t, notice)}
          {notice.kind === 'printed' && (
            <>
              {' '}
              <a
                href={notice.url}
                target="_blank"
                rel="noreferrer"
                className="waybill-link"
                data-testid="waybill-open"
              >
                {t.pack.openWaybill}
              </a>
            </>
          )}
        </p>
      )}
      {waiting.length > 0 && (
        <div className="waybill-waiting">
          {waiting.map((parcel) => (
            <button
              key={`${parcel.orderId}-${parcel.parcelNo}`}
              type="button"
              className="button-primary"
              data-testid={`waybill-print-${parcel.parcelNo}`}
              data-order={parcel.orderId}
              disabled={notice?.kind === 'printing' && notice.parcelNo === parcel.parcelNo}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => print(parcel)}
            >
              🖨 {t.pack.printWaybillOf(parcel.parcelNo)}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
