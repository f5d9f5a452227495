import CCmarkGFM

/// Chinese trap (a): a bare URL running into Chinese text.
///
/// GFM's autolink extension ends a bare URL only at white space or `<`, and Chinese puts no
/// space after a URL: `详见https://x.cn/a。请登录` becomes one link over `a。请登录`. This
/// transform finds the links the extension made and re-cuts each at its first non-ASCII
/// character (CJK text and full-width punctuation alike), then looks for further URLs in
/// what it cut off (`见https://a.cn，或https://b.cn`).
///
/// Links written on purpose are left alone: `[text](url)`, and `<https://…>` — which is also
/// how to link a URL that really contains Chinese.
enum BareURLSplitter {
    static func apply(to document: CmarkDocument) {
        for link in document.root.descendants where link.type == CMARK_NODE_LINK {
            split(link, in: document)
        }
    }

    static func split(_ link: Node, in document: CmarkDocument) {
        guard let text = link.firstChild, text.next == nil, text.type == CMARK_NODE_TEXT else { return }
        let shown = text.literal, url = link.url
        // The extension's links show their own address (`www.` ones gain `http://`).
        guard url == shown || url == "http://" + shown else { return }
        guard shown.unicodeScalars.contains(where: { !$0.isASCII }) else { return }
        if let start = link.start, let first = document.source.byte(line: start.line, column: start.column),
           first == UInt8(ascii: "<") || first == UInt8(ascii: "[") {
            return // written as an explicit link
        }
        let pieces = URLScanner.pieces(of: shown).map { piece -> Node in
            switch piece {
            case .text(let s):
                return Node.text(s)
            case .link(let href, let label):
                let node = Node.make(CMARK_NODE_LINK)
                node.url = href
                node.appendChild(Node.text(label))
                return node
            }
        }
        link.replace(with: pieces)
    }
}
