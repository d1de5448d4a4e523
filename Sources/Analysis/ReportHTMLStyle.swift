// ReportHTMLStyle: the report's inline stylesheet: calm on screen, and whole pages when printed.
enum ReportHTMLStyle {
    static let css = """
    :root { --human: #2f6db3; --model: #d9731f; --ink: #1d2330; --muted: #5d6675; --rule: #d9dde3; }
    * { box-sizing: border-box; }
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #fff; }
    main { max-width: 980px; margin: 0 auto; padding: 28px 24px 60px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 19px; margin: 36px 0 10px; padding-top: 12px; border-top: 1px solid var(--rule); }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    p.meta, .note { color: var(--muted); font-size: 13px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: middle; }
    th { font-weight: 600; font-size: 13px; color: var(--muted); }
    td.num, th.num { text-align: right; }
    .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 18px 0; }
    .figure { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; }
    .figure .value { font-size: 26px; font-weight: 650; }
    .figure .ci { color: var(--muted); font-size: 13px; }
    .figure.human .value { color: var(--human); }
    .figure.model .value { color: var(--model); }
    .legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
    .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }
    svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
    svg.chart { width: 100%; height: auto; }
    svg .label { text-anchor: end; }
    svg .tick { text-anchor: middle; fill: var(--muted); }
    svg .grid { stroke: var(--rule); }
    svg .whisker { stroke-width: 2; }
    svg .whisker.individual { stroke-width: 1; opacity: 0.5; }
    svg .whisker.human, svg .dot.human { stroke: var(--human); fill: var(--human); }
    svg .whisker.model, svg .dot.model { stroke: var(--model); fill: var(--model); }
    .heatmaps { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
    svg.heatmap { width: 100%; height: auto; }
    svg .cell.diag { fill: var(--human); }
    svg .cell.off { fill: #b3261e; }
    svg .count { text-anchor: middle; font-size: 10px; }
    svg .count.light { fill: #fff; }
    svg.spark { width: 140px; height: 34px; }
    svg.spark .frame { fill: #f6f7f9; }
    svg.spark .line { fill: none; stroke: var(--muted); stroke-width: 1.2; }
    svg.spark .practice { fill: #9aa3b2; }
    svg.spark .test { fill: var(--human); }
    .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
    figure.item { margin: 0; border: 1px solid var(--rule); border-radius: 6px; padding: 8px; font-size: 12px; break-inside: avoid; }
    figure.item img { width: 84px; height: 84px; image-rendering: pixelated; display: block; margin: 0 auto 6px; background: #eee; }
    figure.item dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 1px 6px; }
    figure.item dt { color: var(--muted); }
    figure.item dd { margin: 0; overflow-wrap: anywhere; }
    .methods code { font-size: 13px; }
    .methods li { margin-bottom: 4px; }
    @media print {
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      section, .figure, table, svg { break-inside: avoid; }
    }
    """
}
