import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * The admin statistics' charts (recharts). Only the statistics page imports this file, so the library
 * stays in that page's lazy chunk. The charts are pictures for sighted readers: each one sits in a
 * `StatsFigure` whose caption and data table say the same to everyone else, so they are hidden from
 * assistive technologies and take no focus (`accessibilityLayer` off).
 */

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

type Row = Record<string, string | number>;

interface SeriesChartProps {
  data: Row[];
  xKey: string;
  series: ChartSeries[];
  formatX: (value: string) => string;
  formatNumber: (value: number) => string;
}

const tick = { fontSize: 12, fill: '#334155' };
const shorten = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);
const grid = '#e2e8f0';

/** Columns per day or month, stacked when the series add up to a whole. */
export function ColumnChart({
  data,
  xKey,
  series,
  formatX,
  formatNumber,
  stacked = false,
}: SeriesChartProps & {
  stacked?: boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={grid} />
        <XAxis dataKey={xKey} tickFormatter={formatX} minTickGap={12} tick={tick} />
        <YAxis allowDecimals={false} tickFormatter={formatNumber} width={48} tick={tick} />
        <Tooltip
          labelFormatter={(label) => formatX(String(label))}
          formatter={(value) => formatNumber(Number(value))}
        />
        {/* In the order of the series, not alphabetical (recharts' default). */}
        {series.length > 1 && <Legend itemSorter={null} />}
        {series.map((entry) => (
          <Bar
            key={entry.key}
            dataKey={entry.key}
            name={entry.label}
            fill={entry.color}
            isAnimationActive={false}
            {...(stacked ? { stackId: 'total' } : {})}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Lines per day, for series with many points. */
export function TrendChart({ data, xKey, series, formatX, formatNumber }: SeriesChartProps) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={grid} />
        <XAxis dataKey={xKey} tickFormatter={formatX} minTickGap={16} tick={tick} />
        <YAxis allowDecimals={false} tickFormatter={formatNumber} width={48} tick={tick} />
        <Tooltip
          labelFormatter={(label) => formatX(String(label))}
          formatter={(value) => formatNumber(Number(value))}
        />
        {series.length > 1 && <Legend itemSorter={null} />}
        {series.map((entry) => (
          <Line
            key={entry.key}
            type="monotone"
            dataKey={entry.key}
            name={entry.label}
            stroke={entry.color}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars for named categories (statuses, programs), whose labels are too long for columns. */
export function CategoryChart({
  data,
  label,
  color,
  formatNumber,
}: {
  data: { label: string; count: number }[];
  label: string;
  color: string;
  formatNumber: (value: number) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, data.length * 40 + 40)}>
      <BarChart
        data={data}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={grid} />
        <XAxis type="number" allowDecimals={false} tickFormatter={formatNumber} tick={tick} />
        {/* Long names are cut here; the data table under the chart has them whole. */}
        <YAxis type="category" dataKey="label" width={150} tick={tick} interval={0} tickFormatter={shorten} />
        <Tooltip formatter={(value) => formatNumber(Number(value))} />
        <Bar dataKey="count" name={label} fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
