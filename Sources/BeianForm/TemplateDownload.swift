import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianTemplates
import Foundation

/// The pre-filled attachment templates, as `beian template` writes them (the same renderer and
/// input), offered as downloads beside the attachment fields.
extension FormContext {
    /// GET /template/<kind>[/<algorithm>].
    func template(_ segments: [String]) -> FormResponse {
        guard let kind = segments.first.flatMap(TemplateKind.init(rawValue:)) else { return notFound() }
        let algorithm = segments.count > 1 ? segments[1] : nil
        guard kind.needsAlgorithm == (algorithm != nil), algorithm.map(IdentifierRule.isValid) ?? true,
              let loaded = try? BundleLoader(draft: true, today: Clock.fromEnvironment().today).load(folder.display),
              let entity = loaded.entity else { return notFound() }
        let input = TemplateInput(entity: entity, products: loaded.products, algorithms: loaded.algorithms)
        guard let html = try? TemplateRenderer.render(kind, input, algorithm: algorithm) else { return notFound() }
        let name = "\(kind.rawValue)\(algorithm.map { "-\($0)" } ?? "").html"
        return .bytes(Data(html.utf8), type: "text/html; charset=utf-8", download: name)
    }

    /// Download links for the templates of a page.
    func templateLinks(_ kinds: [TemplateKind], algorithm: String?) -> String {
        "<p class=\"templates\">\(t("下载预填模板（打印、盖章后扫描上传）：", "Pre-filled templates (print, stamp, scan, upload): "))"
            + kinds.map { k in
                "<a href=\"/template/\(k.rawValue)\(algorithm.map { "/\($0)" } ?? "")\" download>《\(HTML.h(k.title))》</a>"
            }.joined(separator: " · ") + "</p>"
    }
}
