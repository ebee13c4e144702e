// A chart that does not hold its page back: ECharts (the largest chunk) loads after the page's
// heading and tables are drawn, with a placeholder of the chart's size meanwhile.
import { lazy, Suspense } from "react";
import type { ChartProps } from "./EChart";

const EChart = lazy(() => import("./EChart"));

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div role="img" aria-busy="true" aria-label={props.label} style={{ width: "100%", height: props.height ?? 320 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
