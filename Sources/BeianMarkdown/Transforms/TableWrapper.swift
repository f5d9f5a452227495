import BeianDiagnostics
import CCmarkGFM

/// Wraps every table so the portal can let it scroll sideways on a phone.
///
/// The wrapper is `<div class="table-scroll" role="region" aria-label="表格 N" tabindex="0">`
/// (the word is `MarkdownOptions.tableLabel`, `Table` in an English text):
/// the portal's CSS gives `.table-scroll` `overflow-x: auto`; `tabindex` lets keyboard users
/// scroll it, and a focusable region needs a role and a name (axe: scrollable-region-focusable).
enum TableWrapper {
    static let className = "table-scroll"

    static func apply(to document: CmarkDocument, label: String) {
        let tables = document.root.descendants.filter { $0.typeName == "table" }
        for (i, table) in tables.enumerated() {
            let wrapper = Node.custom(
                CMARK_NODE_CUSTOM_BLOCK,
                enter: "<div class=\"\(className)\" role=\"region\" aria-label=\"\(HTMLText.escape(label)) \(i + 1)\" tabindex=\"0\">",
                exit: "</div>")
            table.insertBefore(wrapper)
            wrapper.appendChild(table)
        }
    }
}
