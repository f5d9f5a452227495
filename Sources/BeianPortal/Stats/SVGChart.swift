import BeianDiagnostics

/// Bar charts as inline SVG, drawn at build time (SPEC §10): no script, no chart library, no
/// `style` attribute (the Content-Security-Policy forbids them) — the colours come from classes
/// in `style.css` (`chart-bar`, `chart-bar-alt`, `chart-grid`, `chart-axis`), with
/// `currentColor` as the fallback, so the charts follow the theme's text colour in light,
/// dark and print. Every text is escaped here (`HTMLText`), labels from tables included.
///
/// The SVG is an image with a name and a description (`role="img"`, `aria-labelledby` its
/// `<title>` and `<desc>`); the page puts the same numbers in a table beside it.
struct SVGChart: Sendable {
    struct Bar: Sendable, Equatable {
        var label: String
        var value: Int
        /// The axis label under a column, or nil to leave that column unlabelled (months).
        var tick: String?
    }

    /// `chart-<id>`: the element ids are made from it (ASCII letters and `-` only, ours).
    var id: String
    var title: String
    var description: String
    var bars: [Bar]
    /// `chart-bar` or `chart-bar-alt`.
    var barClass = "chart-bar"

    static let width = 720
    static let fontSize = 13

    // MARK: Axis

    /// A round step (1, 2 or 5 × 10ⁿ, at least 1) giving about `target` intervals up to `max`,
    /// and the axis top (the first multiple of the step at or above `max`; 1 for an empty chart).
    static func ticks(max: Int, target: Int = 5) -> (step: Int, top: Int) {
        guard max > 0 else { return (1, 1) }
        let raw = Double(max) / Double(target)
        var magnitude = 1
        while Double(magnitude) * 10 <= raw { magnitude *= 10 }
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { Double($0) >= raw } ?? magnitude * 10
        return (step, (max + step - 1) / step * step)
    }

    /// About how wide `text` is at `fontSize`: CJK and full-width characters a full em,
    /// others 0.6 em.
    static func textWidth(_ text: String, fontSize: Int = SVGChart.fontSize) -> Int {
        var ems = 0.0
        for u in text.unicodeScalars { ems += u.value >= 0x2E80 ? 1 : 0.6 }
        return Int((ems * Double(fontSize)).rounded(.up))
    }

    // MARK: Drawing

    /// Horizontal bars, one row per category: label, bar, value.
    func rows() -> String {
        let rowHeight = 28, barHeight = 18, top = 8
        let longest = bars.map { Self.textWidth($0.label) }.max() ?? 0
        let plotLeft = min(320, max(60, longest + 14))
        let valueRoom = Self.textWidth(String(bars.map(\.value).max() ?? 0)) + 16
        let plotWidth = Self.width - plotLeft - valueRoom
        let plotBottom = top + rowHeight * bars.count
        let height = plotBottom + 26
        let (step, axisTop) = Self.ticks(max: bars.map(\.value).max() ?? 0)
        func x(_ v: Int) -> Int { plotLeft + Int((Double(v) / Double(axisTop) * Double(plotWidth)).rounded()) }

        var s = open(height: height)
        s += "<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.25\">"
        for v in stride(from: step, through: axisTop, by: step) {
            s += "<line x1=\"\(x(v))\" y1=\"\(top)\" x2=\"\(x(v))\" y2=\"\(plotBottom)\"/>"
        }
        s += "</g>\n<g class=\"chart-ticks\" fill=\"currentColor\" text-anchor=\"middle\">"
        for v in stride(from: 0, through: axisTop, by: step) {
            s += "<text x=\"\(x(v))\" y=\"\(plotBottom + 18)\">\(v)</text>"
        }
        s += "</g>\n"
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let middle = y + rowHeight / 2
            s += "<g class=\"chart-item\">"
            s += "<text x=\"\(plotLeft - 8)\" y=\"\(middle)\" dy=\"0.35em\" text-anchor=\"end\" fill=\"currentColor\">\(HTMLText.escape(bar.label))</text>"
            if bar.value > 0 {
                s += "<rect class=\"\(barClass)\" fill=\"currentColor\" x=\"\(plotLeft)\" y=\"\(y + (rowHeight - barHeight) / 2)\" width=\"\(max(1, x(bar.value) - plotLeft))\" height=\"\(barHeight)\"/>"
            }
            s += "<text class=\"chart-value\" x=\"\(x(bar.value) + 6)\" y=\"\(middle)\" dy=\"0.35em\" fill=\"currentColor\">\(bar.value)</text>"
            s += "</g>\n"
        }
        s += "<line class=\"chart-axis\" stroke=\"currentColor\" x1=\"\(plotLeft)\" y1=\"\(top)\" x2=\"\(plotLeft)\" y2=\"\(plotBottom)\"/>\n"
        return s + "</svg>"
    }

    /// Vertical columns in order (months): a value axis with round ticks on the left, the
    /// labels given by `Bar.tick` under their columns, values above the columns when they fit.
    func columns() -> String {
        let top = 20, plotHeight = 220
        let maxValue = bars.map(\.value).max() ?? 0
        let (step, axisTop) = Self.ticks(max: maxValue)
        let plotLeft = max(40, Self.textWidth(String(axisTop)) + 14)
        let plotRight = Self.width - 8
        let plotBottom = top + plotHeight
        let height = plotBottom + 30
        let slot = Double(plotRight - plotLeft) / Double(max(1, bars.count))
        let barWidth = max(1.0, min(48.0, slot * 0.7))
        let showValues = slot >= Double(Self.textWidth(String(maxValue))) + 4
        func y(_ v: Int) -> Int { plotBottom - Int((Double(v) / Double(axisTop) * Double(plotHeight)).rounded()) }
        func fmt(_ d: Double) -> String { String(Double(Int((d * 10).rounded())) / 10) }

        var s = open(height: height)
        s += "<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.25\">"
        for v in stride(from: step, through: axisTop, by: step) {
            s += "<line x1=\"\(plotLeft)\" y1=\"\(y(v))\" x2=\"\(plotRight)\" y2=\"\(y(v))\"/>"
        }
        s += "</g>\n<g class=\"chart-ticks\" fill=\"currentColor\" text-anchor=\"end\">"
        for v in stride(from: 0, through: axisTop, by: step) {
            s += "<text x=\"\(plotLeft - 6)\" y=\"\(y(v))\" dy=\"0.35em\">\(v)</text>"
        }
        s += "</g>\n"
        for (i, bar) in bars.enumerated() {
            let center = Double(plotLeft) + slot * (Double(i) + 0.5)
            s += "<g class=\"chart-item\">"
            if bar.value > 0 {
                s += "<rect class=\"\(barClass)\" fill=\"currentColor\" x=\"\(fmt(center - barWidth / 2))\" y=\"\(y(bar.value))\" width=\"\(fmt(barWidth))\" height=\"\(plotBottom - y(bar.value))\"/>"
                if showValues {
                    s += "<text class=\"chart-value\" x=\"\(fmt(center))\" y=\"\(y(bar.value) - 4)\" text-anchor=\"middle\" fill=\"currentColor\">\(bar.value)</text>"
                }
            }
            if let tick = bar.tick {
                s += "<line class=\"chart-axis\" stroke=\"currentColor\" x1=\"\(fmt(center))\" y1=\"\(plotBottom)\" x2=\"\(fmt(center))\" y2=\"\(plotBottom + 4)\"/>"
                s += "<text x=\"\(fmt(center))\" y=\"\(plotBottom + 18)\" text-anchor=\"middle\" fill=\"currentColor\">\(HTMLText.escape(tick))</text>"
            }
            s += "</g>\n"
        }
        s += "<line class=\"chart-axis\" stroke=\"currentColor\" x1=\"\(plotLeft)\" y1=\"\(plotBottom)\" x2=\"\(plotRight)\" y2=\"\(plotBottom)\"/>\n"
        return s + "</svg>"
    }

    /// How many months apart the labels under a month chart stand so that they do not
    /// overlap: 1, 2, 3, 6, 12 or a multiple of 12; a month is labelled when its number since
    /// year 0 is a multiple of it (January, or every other January …).
    static func monthLabelEvery(count: Int, labelWidth: Int) -> Int {
        let slot = Double(width - 48) / Double(max(1, count))
        for k in [1, 2, 3, 6, 12] where slot * Double(k) >= Double(labelWidth + 8) { return k }
        var years = 2
        while slot * Double(12 * years) < Double(labelWidth + 8) { years += 1 }
        return 12 * years
    }

    private func open(height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.width) \(height)\" width=\"\(Self.width)\" height=\"\(height)\""
            + " font-size=\"\(Self.fontSize)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
            + "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>\n<desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>\n"
    }
}
