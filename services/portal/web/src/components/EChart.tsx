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
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "EN" : "ZH";
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = echarts.init(element.current, undefined, { locale });
    // The label as the (hidden) title the description starts with; a chart's own title wins.
    chart.setOption({ aria: { enabled: true }, title: { text: label, show: false }, ...option });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option, label, locale]);
  return <div ref={element} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
