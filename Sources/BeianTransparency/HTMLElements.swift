import BeianPortal
/// The element categories of the WHATWG HTML parser that decide what a browser shows and where
/// an element ends, as `VisibleText` needs them.
enum HTMLElements {
    /// Elements with no content and no end tag (`image` is read as `img`).
    static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                                    "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame", "image"]

    /// Whose content the tokenizer reads as text up to their own end tag.
    static let rawText: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]
    /// The same, with character references decoded.
    static let rcData: Set<String> = ["title", "textarea"]

    /// Elements whose content a browser never shows as the page's text: raw text that is not
    /// displayed, fallback content, form lists, foreign content (`svg`, `math`: a mark inside
    /// them is not read), and `noscript` (shown only without scripting).
    static let notRendered: Set<String> = ["script", "style", "title", "noscript", "noembed", "noframes", "iframe",
                                           "object", "applet", "video", "audio", "canvas", "select", "datalist", "rp",
                                           "svg", "math"]

    /// The formatting elements, which a browser re-opens after they were closed out of order.
    static let formatting: Set<String> = ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                                          "strong", "tt", "u"]

    /// Elements whose end tag may be left out: closed by their parent's end tag or by a sibling.
    static let optionalEnd: Set<String> = ["li", "dd", "dt", "p", "option", "optgroup", "rb", "rt", "rtc", "rp", "tbody",
                                           "thead", "tfoot", "tr", "td", "th", "colgroup", "caption"]

    /// A start tag that closes the current element when it is one of these (the sibling rules
    /// of optional end tags).
    static func closesCurrent(_ start: String, current: String) -> Bool {
        switch current {
        case "li": return start == "li"
        case "dd", "dt": return start == "dd" || start == "dt"
        case "option": return start == "option" || start == "optgroup"
        case "td", "th": return start == "td" || start == "th" || start == "tr"
        case "tr": return start == "tr"
        case "p": return closesP.contains(start)
        default: return false
        }
    }

    static let closesP: Set<String> = ["address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
                                       "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
                                       "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p",
                                       "pre", "search", "section", "summary", "table", "ul", "li", "dd", "dt"]

    /// The parser's "special" elements: an end tag of an ordinary element is ignored when one
    /// of these is open above it.
    static let special: Set<String> = [
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button",
        "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption",
        "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
        "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav",
        "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section",
        "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
        "title", "tr", "track", "ul", "wbr", "xmp", "svg", "math", "foreignobject", "desc",
    ]

    /// The boundaries of "has an element in scope": an end tag for an element below one of
    /// these is ignored.
    static let scope: Set<String> = ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
                                     "svg", "math", "foreignobject", "desc"]

    /// Elements the body never holds as elements (their tags are dropped or merged into the
    /// document's own), so a mark on them is no mark.
    static let document: Set<String> = ["html", "head", "body", "frameset"]
}
