import { parse, View } from 'vega';
import { compile, TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

/** Compiles a vega-lite spec to vega and renders it headless to an SVG document (no canvas needed). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
