import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart, BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { TooltipComponent, LegendComponent, TitleComponent, GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { BUNDLED_FONT, FONT_FAMILY } from '../font';

echarts.use([PieChart, BarChart, GaugeChart, LineChart, TooltipComponent, LegendComponent, TitleComponent, GridComponent, CanvasRenderer]);

/** Apache ECharts in a div; `onClick` receives the clicked item's name and data, for drill-down. */
export function EChart({ option, onClick, height = 280, testId }: {
  option: echarts.EChartsCoreOption; onClick?: (p: { name: string; data: unknown }) => void; height?: number; testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(el.current!);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.current?.dispose(); };
  }, []);
  // Browsers driven by tests (navigator.webdriver) get the final picture at once, not an animation.
  useEffect(() => {
    const draw = () => chart.current?.setOption({ animation: !navigator.webdriver, textStyle: { fontFamily: FONT_FAMILY }, ...option }, true);
    draw();
    // A canvas does not repaint when a webfont arrives: fetch the subsets this chart's text needs, then draw again.
    let live = true;
    void document.fonts.load(BUNDLED_FONT, JSON.stringify(option)).then(() => { if (live) draw(); }, () => {});
    return () => { live = false; };
  }, [option]);
  useEffect(() => {
    chart.current?.off('click');
    if (onClick) chart.current?.on('click', (p) => onClick({ name: p.name, data: p.data }));
  }, [onClick]);
  return <div ref={el} style={{ height, width: '100%' }} data-testid={testId} />;
}
