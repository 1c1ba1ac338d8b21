/// Formats an axis or cell value with a fixed number of decimals, without Foundation.
public func formatNumber(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let scale = (0..<max(0, decimals)).reduce(1.0) { r, _ in r * 10 }
    let scaled = (abs(value) * scale).rounded()
    let negative = value < 0 && scaled != 0
    guard scaled < 9e15 else { return "\(value)" }
    let units = Int64(scaled)
    let whole = units / Int64(scale)
    var text = "\(whole)"
    if decimals > 0 {
        let fraction = String(units % Int64(scale))
        text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return negative ? "-" + text : text
}

/// A line chart of one or more series on a braille canvas (2×4 dots per cell) or, with
/// `marker: .block`, half blocks; with a y axis labelled at top, middle and bottom and an x axis
/// labelled at both ends.
///
/// ```
/// 0.69│⠑⠢⡀
/// 0.45│   ⠈⠢⢄⣀
/// 0.21│       ⠉⠉⠒⠒⠤
///     └──────────────
///      1       epoch 12
/// ```
public struct LineChart: Widget, Sendable {
    public struct Series: Sendable {
        public var name: String
        /// y values at x = 0, 1, 2, … (e.g. loss per step), unless `xs` is given.
        public var values: [Double]
        /// Optional x positions, one per value.
        public var xs: [Double]?
        public var style: Style

        public init(_ name: String, values: [Double], xs: [Double]? = nil, style: Style = .plain) {
            self.name = name
            self.values = values
            self.xs = xs
            self.style = style
        }

        func point(_ i: Int) -> (Double, Double) { (xs?[i] ?? Double(i), values[i]) }
    }

    public var series: [Series]
    /// x range shown (default: from the data).
    public var xBounds: ClosedRange<Double>?
    /// y range shown (default: from the data, padded when flat).
    public var yBounds: ClosedRange<Double>?
    public var marker: ChartMarker
    /// Text under the left and right end of the x axis (default: the x bounds).
    public var xLabels: (String, String)?
    public var decimals: Int
    public var axisStyle: Style
    /// Draw "━ name" for each series at the top right of the plot.
    public var showsLegend: Bool

    public init(_ series: [Series], xBounds: ClosedRange<Double>? = nil, yBounds: ClosedRange<Double>? = nil, marker: ChartMarker = .braille, xLabels: (String, String)? = nil, decimals: Int = 2, axisStyle: Style = .dim, showsLegend: Bool = false) {
        self.series = series
        self.xBounds = xBounds
        self.yBounds = yBounds
        self.marker = marker
        self.xLabels = xLabels
        self.decimals = decimals
        self.axisStyle = axisStyle
        self.showsLegend = showsLegend
    }

    /// The x and y ranges drawn.
    public func bounds() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for i in s.values.indices where s.values[i].isFinite {
                let (x, y) = s.point(i)
                xs.append(x); ys.append(y)
            }
        }
        let xr = xBounds ?? ((xs.min() ?? 0)...max(xs.max() ?? 1, (xs.min() ?? 0) + 1))
        var yr = yBounds ?? ((ys.min() ?? 0)...(ys.max() ?? 1))
        if yr.lowerBound == yr.upperBound { yr = (yr.lowerBound - 1)...(yr.upperBound + 1) }
        return (xr, yr)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width >= 4, area.height >= 3 else { return }
        let (xr, yr) = bounds()
        let top = formatNumber(yr.upperBound, decimals: decimals)
        let middle = formatNumber((yr.lowerBound + yr.upperBound) / 2, decimals: decimals)
        let bottom = formatNumber(yr.lowerBound, decimals: decimals)
        let labelWidth = min(area.width / 3, max(top.displayWidth, middle.displayWidth, bottom.displayWidth))
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: area.width - labelWidth - 1, height: area.height - 2)
        guard !plot.isEmpty else { return }

        // Axes and labels.
        for y in plot.top..<plot.bottom { buffer.set("│", x: plot.x - 1, y: y, style: axisStyle) }
        buffer.set("└", x: plot.x - 1, y: plot.bottom, style: axisStyle)
        for x in plot.left..<plot.right { buffer.set("─", x: x, y: plot.bottom, style: axisStyle) }
        buffer.write(TextFit.pad(top, to: labelWidth, alignment: .right), x: area.x, y: plot.top, maxWidth: labelWidth)
        if plot.height >= 3 {
            buffer.write(TextFit.pad(middle, to: labelWidth, alignment: .right), x: area.x, y: plot.top + (plot.height - 1) / 2, maxWidth: labelWidth)
        }
        if plot.height >= 2 {
            buffer.write(TextFit.pad(bottom, to: labelWidth, alignment: .right), x: area.x, y: plot.bottom - 1, maxWidth: labelWidth)
        }
        let xText = xLabels ?? (formatNumber(xr.lowerBound, decimals: 0), formatNumber(xr.upperBound, decimals: 0))
        buffer.write(TextFit.truncate(xText.0, to: plot.width / 2), x: plot.x, y: plot.bottom + 1)
        let right = TextFit.truncate(xText.1, to: plot.width / 2)
        buffer.write(right, x: plot.right - right.displayWidth, y: plot.bottom + 1)

        // Data.
        var canvas = Canvas(columns: plot.width, rows: plot.height, marker: marker)
        let w = Double(canvas.dotWidth - 1), h = Double(canvas.dotHeight - 1)
        let xSpan = xr.upperBound - xr.lowerBound, ySpan = yr.upperBound - yr.lowerBound
        func dot(_ p: (Double, Double)) -> (x: Int, y: Int) {
            let fx = xSpan > 0 ? (p.0 - xr.lowerBound) / xSpan : 0
            let fy = ySpan > 0 ? (p.1 - yr.lowerBound) / ySpan : 0
            return (Int((fx * w).rounded()), Int(((1 - fy) * h).rounded()))
        }
        for s in series {
            var previous: (x: Int, y: Int)? = nil
            for i in s.values.indices {
                guard s.values[i].isFinite else { previous = nil; continue }
                let p = dot(s.point(i))
                if let previous { canvas.line(from: previous, to: p, style: s.style) } else { canvas.set(x: p.x, y: p.y, style: s.style) }
                previous = p
            }
        }
        canvas.draw(in: plot, into: &buffer)
        if showsLegend { drawLegend(in: plot, into: &buffer) }
    }

    private func drawLegend(in plot: Rect, into buffer: inout Buffer) {
        var spans: [Span] = []
        for s in series {
            if !spans.isEmpty { spans.append(Span("  ")) }
            spans.append(Span("━ ", style: s.style))
            spans.append(Span(s.name))
        }
        let width = min(plot.width, spans.reduce(0) { $0 + $1.displayWidth })
        buffer.erase(Rect(x: plot.right - width, y: plot.y, width: width, height: 1))
        buffer.write(spans, x: plot.right - width, y: plot.y, maxWidth: width)
    }
}
