// The handoff analytics' chart shapes, drawn by recharts at once (no motion to sit through, and a
// screenshot shows the real figure), sized by their box so a phone gets a narrower chart.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { axisNumber } from "../../lib/format.ts";

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

type Row = Record<string, string | number | boolean | null>;

const TICK = { fontSize: 12, fill: "var(--muted)" };
const LEGEND = { fontSize: 12 };
// Numbers on the axes and in the tooltip as the app's language writes them ("0,15" in German).
const tickNumber = (value: unknown) => axisNumber(value);
const TOOLTIP = {
  formatter: tickNumber,
  contentStyle: { background: "var(--surface)", borderColor: "var(--border-strong)" },
  labelStyle: { color: "var(--text)" },
};

/** Bars per category across (weeks), the series stacked or side by side. */
export function ColumnChart({
  rows,
  category,
  series,
  stacked = false,
  tickFormatter,
  height = 260,
}: {
  rows: Row[];
  category: string;
  series: ChartSeries[];
  stacked?: boolean;
  tickFormatter?: (value: string) => string;
  height?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} accessibilityLayer={false} margin={{ left: -20, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={category} tick={TICK} {...(tickFormatter ? { tickFormatter } : {})} />
        <YAxis allowDecimals={false} tick={TICK} tickFormatter={tickNumber} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={LEGEND} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            isAnimationActive={false}
            {...(stacked ? { stackId: "all" } : {})}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/**
 * Bars per category down the side (kinds, pairs, teams), long names readable on a phone;
 * `highlight` colours the rows it names in the first series (the slowest step).
 */
export function BarList({
  rows,
  category,
  series,
  stacked = false,
  decimals = false,
  max,
  highlight,
}: {
  rows: Row[];
  category: string;
  series: ChartSeries[];
  stacked?: boolean;
  decimals?: boolean;
  max?: number;
  highlight?: { row: (row: Row) => boolean; color: string };
}) {
  const height = Math.max(140, 60 + rows.length * (series.length > 1 && !stacked ? 44 : 32));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={rows}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ left: 4, right: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          allowDecimals={decimals}
          tick={TICK}
          tickFormatter={tickNumber}
          {...(max === undefined ? {} : { domain: [0, max] })}
        />
        <YAxis type="category" dataKey={category} width={120} tick={TICK} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={LEGEND} />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            isAnimationActive={false}
            {...(stacked ? { stackId: "all" } : {})}
          >
            {i === 0 &&
              highlight &&
              rows.map((r) => (
                <Cell
                  key={String(r[category])}
                  fill={highlight.row(r) ? highlight.color : s.color}
                />
              ))}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A line per series over days. */
export function DayLines({
  rows,
  series,
  tickFormatter,
}: {
  rows: Row[];
  series: ChartSeries[];
  tickFormatter?: (value: string) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={rows} accessibilityLayer={false} margin={{ left: -20, right: 12 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tick={TICK} {...(tickFormatter ? { tickFormatter } : {})} />
        <YAxis allowDecimals={false} tick={TICK} tickFormatter={tickNumber} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={LEGEND} />
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={rows.length < 2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
