import BeianModel

/// Prints one of the four attachment templates as a self-contained A4 HTML page, pre-filled
/// from the filing, for the filer to print, sign, stamp (盖章) and scan.
///
/// Output is byte-stable: no dates or times are added; the date lines are left to write on.
public enum TemplateRenderer {
    /// The HTML page of `kind`; `algorithm` names the algorithm for the per-algorithm kinds.
    public static func render(_ kind: TemplateKind, _ input: TemplateInput, algorithm id: String? = nil) throws(TemplateError) -> String {
        var algorithm: Algorithm?
        if kind.needsAlgorithm {
            guard let id else { throw .algorithmRequired(kind) }
            guard let found = input.algorithms.first(where: { $0.id == id }) else { throw .unknownAlgorithm(id) }
            algorithm = found
        }
        let library = try TemplateLibrary.shared.get()
        let sheet = DocumentSheet(kind: kind, input: input, algorithm: algorithm)
        guard let html = library.render(sheet, withTemplate: kind.templateName) else {
            throw .templatesUnreadable(kind.templateName)
        }
        return html
    }
}
