public import BeianModel

/// A filing's embeddable badge (`/filings/<id>/badge.svg`) and the HTML snippet that shows it
/// linked to the filing page, so a filer can 显著位置标明备案编号并提供公示信息链接.
///
/// The badge holds the number and the status (已备案, or 已注销 in grey once cancelled); its text
/// is laid out with `textLength`, so it looks the same whatever fonts the viewer has. The
/// number is made of digits and fixed characters and the status is one of two words, so no
/// filer string is in it; it is still escaped (`XMLText`) as every SVG text would be.
public enum Badge {
    package static let height = 20

    package static func path(_ id: String) -> String { Routes.filing(id) + "badge.svg" }

    /// Width of a text run at 11 px: CJK and full-width characters 11, others 6.5.
    package static func textWidth(_ s: String) -> Int {
        var w = 0.0
        for u in s.unicodeScalars { w += u.value >= 0x2E80 ? 11 : 6.5 }
        return Int(w.rounded(.up))
    }

    package struct Layout {
        package let left: String, right: String
        package let leftWidth: Int, rightWidth: Int
        package var width: Int { leftWidth + rightWidth }
    }

    package static func layout(number: String, status: PublicStatus) -> Layout { layout(left: number, right: status.rawValue) }

    /// Two runs of text, each with 6 px on either side.
    package static func layout(left: String, right: String) -> Layout {
        Layout(left: left, right: right, leftWidth: textWidth(left) + 12, rightWidth: textWidth(right) + 12)
    }

    /// The SVG, byte for byte the same for the same number and status.
    public static func svg(number: String, status: PublicStatus) -> String {
        svg(left: number, right: status.rawValue, color: status == .cancelled ? "#757575" : "#1b5e20")
    }

    /// The badge of a draft in `beian preview`: the placeholder where the number will be, and
    /// the preview's status (未备案) in grey — never a status it does not have.
    package static func previewSVG(_ preview: BuildOptions.Preview) -> String {
        svg(left: preview.placeholder, right: preview.status.zh, color: "#757575")
    }

    /// The layout of a draft's badge (`previewSVG`).
    package static func previewLayout(_ preview: BuildOptions.Preview) -> Layout { layout(left: preview.placeholder, right: preview.status.zh) }

    package static func svg(left: String, right: String, color: String) -> String {
        let l = layout(left: left, right: right)
        let label = XMLText.escape(l.left + " " + l.right)
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(l.width)\" height=\"\(height)\" viewBox=\"0 0 \(l.width) \(height)\" role=\"img\" aria-label=\"\(label)\">"
        o += "<title>\(label)</title>"
        o += "<rect width=\"\(l.leftWidth)\" height=\"\(height)\" fill=\"#37474f\"/>"
        o += "<rect x=\"\(l.leftWidth)\" width=\"\(l.rightWidth)\" height=\"\(height)\" fill=\"\(color)\"/>"
        o += "<g fill=\"#fff\" font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif\" font-size=\"11\">"
        o += "<text x=\"6\" y=\"14\" textLength=\"\(l.leftWidth - 12)\" lengthAdjust=\"spacingAndGlyphs\">\(XMLText.escape(l.left))</text>"
        o += "<text x=\"\(l.leftWidth + 6)\" y=\"14\" textLength=\"\(l.rightWidth - 12)\" lengthAdjust=\"spacingAndGlyphs\">\(XMLText.escape(l.right))</text>"
        o += "</g></svg>\n"
        return o
    }

    /// The snippet a filer pastes into its own pages: the badge, at its absolute URL, in a
    /// link to the filing page.
    package static func snippet(_ f: PublicFiling, routes: Routes) -> String {
        let l = layout(number: f.number.description, status: f.status)
        let alt = HTMLContent().escapeText(f.number.description + " " + f.status.rawValue)
        return "<a href=\"" + HTMLContent().escapeText(routes.absolute(Routes.filing(f.id))) + "\" title=\"算法备案公示信息\">"
            + "<img src=\"" + HTMLContent().escapeText(routes.absolute(path(f.id))) + "\" alt=\"" + alt
            + "\" width=\"\(l.width)\" height=\"\(height)\"></a>"
    }
}
