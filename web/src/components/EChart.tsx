import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart, BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { TooltipComponent, LegendComponent, TitleComponent, GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

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
  useEffect(() => { chart.current?.setOption({ animation: !navigator.webdriver, ...option }, true); }, [option]);
  useEffect(() => {
    chart.current?.off('click');
    if (onClick) chart.current?.on('click', (p) => onClick({ name: p.name, data: p.data }));
  }, [onClick]);
  return <div ref={el} style={{ height, width: '100%' }} data-testid={testId} />;
}
