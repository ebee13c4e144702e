// ECharts with only the charts and components the portals draw (bars, lines, pies, funnels);
// loaded on its own after the page (see Chart.tsx). Each chart describes its data to screen
// readers (ECharts' aria: "a chart about <label>… its data is…") in the user's language.
import { BarChart, FunnelChart, LineChart, PieChart } from "echarts/charts";
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export type ChartProps = { option: ChartOption; height?: number; label: string };

export default function EChart({ option, height = 320, label }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "EN" : "ZH";
  // Pages build their option anew on each render: the chart is drawn again only when what it
  // shows changed, not started over (its animation from zero) whenever the page re-renders.
  const shown = JSON.stringify(option);
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    if (!element.current) return undefined;
    const container = element.current;
    const drawn = echarts.init(container, undefined, { locale });
    chart.current = drawn;
    // Said once the chart is drawn to the end (its animation done): what a screenshot waits for.
    drawn.on("finished", () => container.setAttribute("data-chart-drawn", ""));
    const resize = () => drawn.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      drawn.dispose();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    // The label as the (hidden) title the description starts with; a chart's own title wins.
    element.current?.removeAttribute("data-chart-drawn");
    chart.current?.setOption({ aria: { enabled: true }, title: { text: label, show: false }, ...latest.current }, { notMerge: true });
  }, [shown, label, locale]);
  return <div ref={element} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
