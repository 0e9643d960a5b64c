import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { code128Bars } from '../barcode';

interface Props {
  value: string;
  /** Millimetres per module: 0.33 scans well from paper; smaller for rows of a table. */
  module?: number;
  /** Bar height in millimetres. */
  height?: number;
  testId?: string;
}

/**
 * A Code 128 barcode as inline SVG rectangles (React elements, so the CSP needs no exception), with the value
 * printed under it as text. A value Code 128 cannot carry is printed as text only.
 */
export function Barcode({ value, module = 0.33, height = 12, testId }: Props) {
  const { t } = useTranslation();
  const bars = useMemo(() => code128Bars(value), [value]);
  return (
    <figure className="barcode" data-testid={testId} data-value={value}>
      {bars && (
        <svg
          className="barcode__bars"
          role="img"
          aria-label={t('print.barcodeLabel', { value })}
          viewBox={`0 0 ${bars.modules} 1`}
          preserveAspectRatio="none"
          shapeRendering="crispEdges"
          style={{ width: `${(bars.modules * module).toFixed(2)}mm`, height: `${height}mm` }}
        >
          <rect x={0} y={0} width={bars.modules} height={1} fill="#ffffff" />
          {bars.bars.map((b) => (
            <rect key={b.x} x={b.x} y={0} width={b.width} height={1} fill="#000000" />
          ))}
        </svg>
      )}
      <figcaption className="barcode__text">
        <bdi>{value}</bdi>
      </figcaption>
    </figure>
  );
}

/** The application number in words and as a Code 128 barcode, as the head of every per-application document. */
export function ApplicationNumberBlock({ number }: { number: string }) {
  const { t } = useTranslation();
  return (
    <div className="paper__number">
      <p>
        {t('print.applicationNumber')}: <strong>{number}</strong>
      </p>
      <Barcode value={number} testId="barcode-application" />
    </div>
  );
}
