/** A line chart a suite asks for; the harness renders it to SVG (see svg.ts). */
export interface PlotSeries {
  name: string;
  points: [x: number, y: number][];
}

export interface Plot {
  /** File name inside the results folder, e.g. "retrieval-latency.svg". */
  file: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: PlotSeries[];
}
