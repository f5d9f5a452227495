/// The schema of every YAML file of a bundle (SPEC §2), in the order scaffolds write them.
public enum BundleSchema {
    public static let version = "beian/v1"

    /// 应用领域: the filer selects from this list (seed §四); 其他 with `domains_other` for
    /// anything else (`OtherChoiceRule`).
    public static let domains = ["新闻资讯", "社交互动", "电子商务", "生活服务", "交通出行", "文化娱乐", "文化创意", "广告营销",
                                 "教育培训", "办公协作", "医疗健康", "金融服务", "网络游戏", "搜索引擎", "网络直播", "政务服务", "其他"]

    static let personIDTypes = ["居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证"]

    /// `entity.yaml` — 主体信息.
    public static let entity: [FieldSpec] = [
        FieldSpec("schema", "格式版本", "schema version", .schemaVersion, hint: "固定为 beian/v1"),
        FieldSpec("name", "主体名称", "entity name", .text(min: 2, max: 100), hint: "与营业执照等证件上的名称完全一致"),
        FieldSpec("credit_code", "统一社会信用代码", "unified social credit code", .creditCode, hint: "18 位，见营业执照"),
        FieldSpec("kind", "主体类型", "entity kind", .choice(["企业", "事业单位", "社会团体", "民办非企业单位", "其他"]),
                  hint: "企业 | 事业单位 | 社会团体 | 民办非企业单位 | 其他"),
        FieldSpec("region", "注册地", "registered region", .region, hint: "6 位行政区划代码（GB/T 2260），如 110108 表示北京市海淀区"),
        FieldSpec("address", "注册地址", "registered address", .text(min: 4, max: 200), hint: "详细地址"),
        FieldSpec("website", "主体网站", "website", .url, required: false, hint: "可选，以 https:// 开头"),
        FieldSpec("monthly_active_users", "月活跃用户数", "monthly active users", .integer(min: 0, max: 10_000_000_000),
                  required: false, hint: "可选，整数"),
        FieldSpec("certificate", "证件信息", "certificate", .object([
            FieldSpec("type", "证件类型", "certificate type",
                      .choice(["营业执照", "事业单位法人证书", "社会团体法人登记证书", "民办非企业单位登记证书", "其他"]),
                      hint: "营业执照 | 事业单位法人证书 | 社会团体法人登记证书 | 民办非企业单位登记证书 | 其他"),
            FieldSpec("number", "证件号码", "certificate number", .text(min: 5, max: 64), hint: "营业执照填统一社会信用代码"),
            FieldSpec("valid_until", "证件有效期至", "certificate valid until", .dateOrForever, hint: "YYYY-MM-DD，或“长期”"),
            FieldSpec("scan", "证件扫描件", "certificate scan", .attachment, hint: "attachments/ 下的 PDF、PNG 或 JPEG"),
        ]), hint: "证件信息"),
        FieldSpec("legal_representative", "法定代表人", "legal representative", .object([
            FieldSpec("name", "法定代表人姓名", "legal representative's name", .text(min: 2, max: 50), hint: "姓名"),
            FieldSpec("id_type", "法定代表人证件类型", "legal representative's ID type", .choice(personIDTypes),
                      hint: personIDTypes.joined(separator: " | ")),
            FieldSpec("id_number", "法定代表人证件号码", "legal representative's ID number", .idNumber(typeKey: "id_type"),
                      hint: "居民身份证为 18 位，末位可为 X"),
        ]), hint: "法定代表人信息"),
        FieldSpec("security_officer", "算法安全责任人", "algorithm security officer", .object([
            FieldSpec("name", "责任人姓名", "officer's name", .text(min: 2, max: 50), hint: "姓名"),
            FieldSpec("title", "责任人职务", "officer's title", .text(min: 2, max: 50), hint: "职务，如 首席安全官"),
            FieldSpec("id_type", "责任人证件类型", "officer's ID type", .choice(personIDTypes), hint: personIDTypes.joined(separator: " | ")),
            FieldSpec("id_number", "责任人证件号码", "officer's ID number", .idNumber(typeKey: "id_type"), hint: "居民身份证为 18 位，末位可为 X"),
            FieldSpec("mobile", "责任人手机号码", "officer's mobile", .mobile, hint: "11 位手机号码"),
            FieldSpec("email", "责任人电子邮箱", "officer's email", .email, hint: "工作邮箱"),
        ]), hint: "算法安全责任人信息"),
        FieldSpec("attachments", "主体附件", "entity attachments", .object([
            FieldSpec("commitment_letter", "算法备案承诺书", "commitment letter", .attachment,
                      hint: "《算法备案承诺书》盖章扫描件；模板：beian template commitment-letter"),
            FieldSpec("responsibility_report", "落实算法安全主体责任基本情况", "responsibility report", .attachment,
                      hint: "《落实算法安全主体责任基本情况》盖章扫描件；模板：beian template responsibility-report"),
        ]), hint: "附件（打印、盖章后扫描）"),
    ]

    /// `products/<id>.yaml` — 产品及功能信息.
    public static let product: [FieldSpec] = [
        FieldSpec("name", "产品名称", "product name", .text(min: 1, max: 100), hint: "产品名称"),
        FieldSpec("form", "服务形式", "service form", .choice(["APP", "网站", "小程序", "公众账号", "其他"]),
                  hint: "APP | 网站 | 小程序 | 公众账号 | 其他"),
        FieldSpec("url", "访问地址", "access URL", .url, hint: "访问地址或下载地址，以 https:// 开头"),
        FieldSpec("status", "服务状态", "service status", .choice(["运行中", "未上线", "已下线"]), hint: "运行中 | 未上线 | 已下线"),
        FieldSpec("audience", "服务对象", "audience", .text(min: 2, max: 200), hint: "服务对象，如 面向公众的个人用户"),
        FieldSpec("real_name_required", "是否需要实名", "real-name registration", .boolean, hint: "true 或 false"),
        FieldSpec("prior_permits", "前置审批", "prior permits", .textList(minCount: 0, maxItem: 200), required: false,
                  hint: "可选，已取得的前置审批或许可，如 增值电信业务经营许可证"),
        FieldSpec("paths", "功能访问路径", "access paths", .objectList([
            FieldSpec("id", "路径标识", "path id", .identifier, hint: "小写字母、数字和连字符"),
            FieldSpec("steps", "导航步骤", "navigation steps", .textList(minCount: 1, maxItem: 50, maxCount: 20),
                      hint: "按顺序填写，如 [打开App, 首页, 推荐]"),
            FieldSpec("functions", "路径下的功能", "functions", .objectList([
                FieldSpec("id", "功能标识", "function id", .identifier, hint: "小写字母、数字和连字符"),
                FieldSpec("name", "功能名称", "function name", .text(min: 1, max: 100), hint: "功能名称"),
                FieldSpec("description", "功能描述", "function description", .paragraph(max: 1_000), hint: "功能描述"),
            ], minCount: 1), hint: "该路径下的功能"),
        ], minCount: 1), hint: "功能访问路径；多步导航按顺序填写"),
    ]

    /// `algorithms/<id>/algorithm.yaml` — 算法信息.
    public static let algorithm: [FieldSpec] = [
        FieldSpec("name", "算法名称", "algorithm name", .text(min: 2, max: 100), hint: "算法名称"),
        FieldSpec("type", "算法类型", "algorithm type",
                  .choice(["生成合成类", "个性化推送类", "排序精选类", "信息检索类", "内容过滤类", "调度决策类"]),
                  hint: "生成合成类 | 个性化推送类 | 排序精选类 | 信息检索类 | 内容过滤类 | 调度决策类"),
        FieldSpec("role", "角色", "role", .choice(["服务提供者", "服务技术支持者"]), hint: "服务提供者 | 服务技术支持者"),
        FieldSpec("domains", "应用领域", "application domains", .choices(domains),
                  hint: "可多选：\(domains.joined(separator: " | "))；选“其他”时在 domains_other 中注明"),
        FieldSpec("domains_other", "其他应用领域", "other application domain", .text(min: 2, max: 50), required: false,
                  hint: "仅当 domains 选了“其他”时填写：注明具体领域"),
        FieldSpec("scenarios", "使用场景", "usage scenarios", .textList(minCount: 1, maxItem: 200), hint: "如 [首页信息流推荐]"),
        FieldSpec("purpose", "主要用途", "main purpose", .paragraph(max: 500), hint: "将在门户公示，一段话"),
        FieldSpec("launched_on", "上线时间", "launch date", .date, hint: "YYYY-MM-DD"),
        FieldSpec("attachments", "算法附件", "algorithm attachments", .object([
            FieldSpec("self_assessment", "算法安全自评估报告", "self-assessment report", .attachment,
                      hint: "《算法安全自评估报告》扫描件；模板：beian template self-assessment"),
        ]), hint: "附件"),
        FieldSpec("technical_service", "技术服务", "technical service", .object([
            FieldSpec("modes", "服务方式", "service modes", .choices(["API", "SDK", "私有化部署", "其他"]), hint: "API | SDK | 私有化部署 | 其他，可多选"),
            FieldSpec("description", "服务说明", "service description", .paragraph(max: 1_000), hint: "向哪些客户、以何种方式提供技术支持"),
        ]), required: false, hint: "仅服务技术支持者填写"),
        FieldSpec("applies_to", "关联产品及功能", "applies to", .objectList([
            FieldSpec("product", "产品", "product", .identifier, hint: "products/ 下的产品标识"),
            FieldSpec("path", "功能访问路径", "access path", .identifier, required: false, hint: "可选：只关联该路径下的功能"),
            FieldSpec("function", "功能", "function", .identifier, required: false, hint: "可选：只关联该功能"),
        ], minCount: 0), required: false, hint: "仅服务提供者填写：勾选产品、路径或功能"),
        FieldSpec("details", "算法详细属性", "detailed attributes", .object([
            FieldSpec("data", "算法数据", "algorithm data", .object([
                FieldSpec("sources", "数据来源", "data sources", .textList(minCount: 1, maxItem: 200), hint: "如 [用户行为日志, 公开网页]"),
                FieldSpec("modalities", "数据类型", "data modalities", .choices(["文本", "图像", "音频", "视频", "结构化数据", "其他"]),
                          hint: "文本 | 图像 | 音频 | 视频 | 结构化数据 | 其他，可多选"),
                FieldSpec("personal_information", "个人信息处理情况", "personal information", .paragraph(max: 2_000), hint: "是否处理个人信息、处理哪些"),
                FieldSpec("sensitive_personal_information", "敏感个人信息处理情况", "sensitive personal information", .paragraph(max: 2_000),
                          hint: "是否处理敏感个人信息；不涉及请写“不涉及”"),
                FieldSpec("training_data", "训练数据", "training data", .paragraph(max: 2_000), hint: "训练数据的来源、规模、清洗"),
                FieldSpec("labelling", "数据标注", "data labelling", .paragraph(max: 2_000), hint: "标注规则与质量控制"),
                FieldSpec("security_measures", "数据安全措施", "data security measures", .paragraph(max: 2_000), hint: "数据安全保护措施"),
            ]), hint: "算法数据"),
            FieldSpec("model", "算法模型", "algorithm model", .object([
                FieldSpec("kind", "模型类型", "model kind", .text(min: 2, max: 100), hint: "如 深度学习排序模型"),
                FieldSpec("architecture", "模型结构", "architecture", .paragraph(max: 2_000), hint: "模型结构"),
                FieldSpec("training", "训练方式", "training", .paragraph(max: 2_000), hint: "训练方式与评估"),
                FieldSpec("third_party_models", "第三方模型", "third-party models", .textList(minCount: 0, maxItem: 200), required: false,
                          hint: "可选：使用的第三方模型及其备案编号"),
                FieldSpec("update_frequency", "更新频率", "update frequency", .text(min: 1, max: 100), hint: "如 每周"),
            ]), hint: "算法模型"),
            FieldSpec("strategy", "算法策略", "algorithm strategy", .object([
                FieldSpec("description", "策略说明", "strategy description", .paragraph(max: 2_000), hint: "策略说明"),
                FieldSpec("intervention", "人工干预", "human intervention", .paragraph(max: 2_000), hint: "人工干预机制"),
                FieldSpec("user_controls", "用户自主选择", "user controls", .paragraph(max: 2_000), hint: "如 关闭个性化推荐的入口"),
                FieldSpec("user_tags", "用户标签", "user tags", .paragraph(max: 2_000), hint: "用户标签的管理与删除"),
            ]), hint: "算法策略"),
            FieldSpec("risks", "算法风险与防范机制", "risks and safeguards", .object([
                FieldSpec("risks", "风险研判", "identified risks", .paragraph(max: 2_000), hint: "可能的风险"),
                FieldSpec("safeguards", "防范措施", "safeguards", .paragraph(max: 2_000), hint: "防范措施"),
                FieldSpec("emergency_response", "应急处置", "emergency response", .paragraph(max: 2_000), hint: "应急处置机制"),
                FieldSpec("complaint_channels", "投诉举报渠道", "complaint channels", .paragraph(max: 2_000), hint: "投诉举报渠道"),
            ]), hint: "算法风险与防范机制"),
        ]), hint: "算法详细属性（保密，不公示）"),
    ]

    /// The `##` headings `disclosure.md` must contain (算法公示情况 is optional).
    public static let disclosureHeadings = ["算法基本原理", "算法运行机制", "算法应用场景", "算法目的意图"]
    public static let optionalDisclosureHeadings = ["算法公示情况"]
}
