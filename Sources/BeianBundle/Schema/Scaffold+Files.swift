/// The scaffolded files of a new bundle and of a new item: what `beian init`, `beian add` and
/// `beian form` (new bundle, new product, new algorithm) write, from one place.
extension Scaffold {
    /// `entity.yaml` with the given values (key path → text).
    public static func entityFile(values: [String: String] = [:]) -> String {
        yaml(BundleSchema.entity, title: "主体信息（entity.yaml）", values: values)
    }

    /// `products/<id>.yaml`, with one access path and one function to fill in.
    public static func productFile(id: String, name: String) -> String {
        yaml(BundleSchema.product, title: "产品及功能信息（products/\(id).yaml）",
             values: ["name": name, "paths[1].id": "main", "paths[1].functions[1].id": "main"])
    }

    /// `algorithms/<id>/algorithm.yaml` with only the block of the algorithm's role: a provider
    /// who left an empty technical_service (or a supporter an empty applies_to) would get
    /// errors for a block that does not concern them.
    public static func algorithmFile(id: String, name: String, provider: Bool) -> String {
        yaml(BundleSchema.algorithm, title: "算法信息（algorithms/\(id)/algorithm.yaml）",
             values: ["name": name, "role": provider ? "服务提供者" : "服务技术支持者"],
             omitting: [provider ? "technical_service" : "applies_to"],
             note: provider ? "角色为服务提供者：在 applies_to 中关联产品；服务技术支持者请用 beian add algorithm --role 服务技术支持者"
                            : "角色为服务技术支持者：在 technical_service 中说明服务方式，不关联产品")
    }

    /// `attachments/README.txt` of a new bundle.
    public static let attachmentsReadme = """
    附件目录：放置盖章后扫描的《算法备案承诺书》《落实算法安全主体责任基本情况》、证件扫描件和
    各算法的《算法安全自评估报告》。只接受 PDF、PNG、JPEG，单个文件不超过 20 MiB。
    在 YAML 中以相对路径引用，如 attachments/commitment-letter.pdf。
    打印模板：beian template commitment-letter --bundle <备案包>

    """
}

extension Scaffold {
    /// One new item of a list of mappings (`- key: "" # comment` …), without the list's
    /// indentation: what the form appends when the filer adds a path, a function, a row.
    public static func listItem(_ fields: [FieldSpec]) -> [String] {
        var out = ""
        write(fields, prefix: "", indent: "  ", values: [:], lists: [:], into: &out, firstLinePrefix: "- ")
        return out.split(separator: "\n").map(String.init)
    }
}
