/// Every stable diagnostic code beian can print. The raw value is the code users search for.
///
/// Codes are API: never renumber one. `docs/diagnostics.md` is the documented table; a test
/// keeps it in step with `summary`.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable, Comparable {
    // B: files and folders of a bundle
    case bundleNotFound = "B001"
    case missingFile = "B002"
    case fileTooLarge = "B003"
    case invalidUTF8 = "B004"
    case unreadable = "B005"
    case strayFile = "B006"
    case invalidItemID = "B007"
    case linkRefused = "B008"
    // Y: YAML syntax and shape
    case yamlSyntax = "Y101"
    case duplicateKey = "Y102"
    case anchorsNotAllowed = "Y103"
    case nestingTooDeep = "Y104"
    // F: fields
    case unknownKey = "F201"
    case wrongType = "F202"
    case required = "F203"
    case invalidEnum = "F204"
    case badLength = "F205"
    case invalidDate = "F206"
    case invalidURL = "F207"
    case invalidEmail = "F208"
    case invalidMobile = "F209"
    case invalidCreditCode = "F210"
    case invalidIDNumber = "F211"
    case invalidRegion = "F212"
    case invalidIdentifier = "F213"
    case duplicateID = "F214"
    case invalidInteger = "F215"
    case invalidBoolean = "F216"
    case unsupportedSchema = "F217"
    case expired = "F218"
    case dateInFuture = "F219"
    case unsafeCharacter = "F220"
    // R: references between files
    case danglingReference = "R301"
    case roleMismatch = "R302"
    // D: the disclosure text
    case missingHeading = "D401"
    case emptySection = "D402"
    case lineTooLong = "D403"
    // A: attachments
    case attachmentMissing = "A501"
    case attachmentEscapes = "A502"
    case attachmentNotRegular = "A503"
    case attachmentWrongType = "A504"
    case attachmentTooLarge = "A505"
    case attachmentOutsideFolder = "A506"
    // L: the ledger and submissions
    case ledgerBroken = "L601"
    case sealedFileChanged = "L602"
    case snapshotBroken = "L603"
    case lockBusy = "L604"
    case untrustedDecision = "L605"
    case headMismatch = "L606"
    case entityNotUnique = "L607"
    case receiptRefused = "L608"
    case packageRefused = "L609"
    case checkpointNotExtended = "L610"
    case strayTempFile = "L611"
    case tornTail = "L612"
    case registryIndexStale = "L613"
    // S: submission and review actions
    case attestationMissing = "S701"
    case nothingToSubmit = "S702"
    case notPending = "S703"
    case unknownItem = "S704"
    case entityNotApproved = "S705"
    case reasonRequired = "S706"
    case notApproved = "S707"
    case linkedProductNotApproved = "S708"
    case stillUnderReview = "S709"
    case duplicateEntity = "S710"
    case lookalikeEntity = "S711"
    case keyRequired = "S712"
    case registrySetup = "S713"
    case itemCancelled = "S714"
    case productStillLinked = "S715"
    case submissionNotNamed = "S716"
    // C: portal content (site.yaml, announcements, pages)
    case frontMatter = "C801"
    case contentInvalid = "C802"
    case batchEmpty = "C803"
    // I: importing published lists
    case importRow = "I901"
    // O: where `beian build` writes
    case outputRefused = "O951"
    case registryEmpty = "O952"
    case registryNotFound = "O953"
    case addressInUse = "O954"
    // K: keys (SPEC §7)
    case keyInvalid = "K961"
    case keyExposed = "K962"
    case keyMisplaced = "K963"
    case keyExists = "K964"
    case verifierKeyInvalid = "K965"
    case noteInvalid = "K966"
    case noteRefused = "K967"
    // V: `beian verify-site` (SPEC §8): a published portal against its signed head
    case siteHeadInvalid = "V971"
    case siteRecordMismatch = "V972"
    case sitePageMismatch = "V973"
    case siteOpenDataMismatch = "V974"
    case siteFileMismatch = "V975"
    case siteLogInconsistent = "V976"
    case siteNotExtended = "V977"
    case siteStale = "V978"
    case siteWitnessMissing = "V979"
    // W: `beian witness` (SPEC §11): cosigning the registry's checkpoints
    case witnessStateInvalid = "W981"
    case witnessCheckpointInvalid = "W982"
    case witnessRollback = "W983"
    case witnessProofFailed = "W984"
    // U: `beian form` (SPEC §12): the filer's local web forms
    case formRequestRefused = "U991"
    case formPathRefused = "U992"
    case formUploadRefused = "U993"
    case formEditRefused = "U994"

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }

    /// One-line summary for the documented table and `beian explain`.
    public var summary: Localized {
        switch self {
        case .bundleNotFound: Localized(zh: "备案包目录不存在", en: "bundle folder not found")
        case .missingFile: Localized(zh: "缺少必需文件", en: "required file missing")
        case .fileTooLarge: Localized(zh: "文件过大", en: "file too large")
        case .invalidUTF8: Localized(zh: "文件不是合法的 UTF-8", en: "file is not valid UTF-8")
        case .unreadable: Localized(zh: "文件无法读取", en: "file cannot be read")
        case .strayFile: Localized(zh: "无法识别的文件", en: "file not recognised")
        case .invalidItemID: Localized(zh: "文件或目录名不是合法标识", en: "file or folder name is not a valid id")
        case .linkRefused: Localized(zh: "备案包或登记簿中不允许符号链接", en: "symbolic link inside a bundle or registry")
        case .yamlSyntax: Localized(zh: "YAML 语法错误", en: "YAML syntax error")
        case .duplicateKey: Localized(zh: "键重复", en: "duplicate key")
        case .anchorsNotAllowed: Localized(zh: "不允许使用 YAML 锚点与别名", en: "YAML anchors and aliases are not allowed")
        case .nestingTooDeep: Localized(zh: "嵌套过深", en: "nesting too deep")
        case .unknownKey: Localized(zh: "未知的键", en: "unknown key")
        case .wrongType: Localized(zh: "值的类型不对", en: "value has the wrong type")
        case .required: Localized(zh: "必填项缺失", en: "required field missing")
        case .invalidEnum: Localized(zh: "取值不在可选范围内", en: "value is not one of the allowed choices")
        case .badLength: Localized(zh: "长度不符合要求", en: "length out of range")
        case .invalidDate: Localized(zh: "日期格式错误", en: "invalid date")
        case .invalidURL: Localized(zh: "网址格式错误", en: "invalid URL")
        case .invalidEmail: Localized(zh: "电子邮箱格式错误", en: "invalid email address")
        case .invalidMobile: Localized(zh: "手机号码格式错误", en: "invalid mobile number")
        case .invalidCreditCode: Localized(zh: "统一社会信用代码无效", en: "invalid unified social credit code")
        case .invalidIDNumber: Localized(zh: "证件号码无效", en: "invalid ID number")
        case .invalidRegion: Localized(zh: "行政区划代码无效", en: "invalid region code")
        case .invalidIdentifier: Localized(zh: "标识格式错误", en: "invalid id")
        case .duplicateID: Localized(zh: "标识重复", en: "duplicate id")
        case .invalidInteger: Localized(zh: "不是合法的整数", en: "not a valid whole number")
        case .invalidBoolean: Localized(zh: "不是 true 或 false", en: "not true or false")
        case .unsupportedSchema: Localized(zh: "不支持的格式版本", en: "unsupported schema version")
        case .expired: Localized(zh: "证件已过期", en: "certificate expired")
        case .dateInFuture: Localized(zh: "日期晚于今天", en: "date lies in the future")
        case .unsafeCharacter: Localized(zh: "文字含控制字符、不可见字符或首尾空白", en: "text holds control or invisible characters, or white space at an end")
        case .danglingReference: Localized(zh: "引用的产品、路径或功能不存在", en: "reference to a product, path or function that does not exist")
        case .roleMismatch: Localized(zh: "填报内容与算法角色不符", en: "fields do not fit the algorithm's role")
        case .missingHeading: Localized(zh: "拟公示内容缺少必需章节", en: "disclosure lacks a required section")
        case .emptySection: Localized(zh: "拟公示内容章节为空", en: "disclosure section is empty")
        case .lineTooLong: Localized(zh: "拟公示内容单行过长", en: "disclosure line too long")
        case .attachmentMissing: Localized(zh: "附件不存在", en: "attachment missing")
        case .attachmentEscapes: Localized(zh: "附件路径指向备案包之外", en: "attachment path leaves the bundle")
        case .attachmentNotRegular: Localized(zh: "附件不是普通文件", en: "attachment is not a regular file")
        case .attachmentWrongType: Localized(zh: "附件不是 PDF、PNG 或 JPEG", en: "attachment is not a PDF, PNG or JPEG")
        case .attachmentTooLarge: Localized(zh: "附件过大", en: "attachment too large")
        case .attachmentOutsideFolder: Localized(zh: "附件不在 attachments/ 目录下", en: "attachment not under attachments/")
        case .ledgerBroken: Localized(zh: "台账链条断裂", en: "ledger chain broken")
        case .sealedFileChanged: Localized(zh: "已提交的文件被改动", en: "a submitted file changed")
        case .snapshotBroken: Localized(zh: "公示快照与台账不符", en: "public snapshot does not match the ledger")
        case .lockBusy: Localized(zh: "登记簿被其他进程锁定", en: "registry locked by another process")
        case .untrustedDecision: Localized(zh: "审核决定未经受信任的审核员签名", en: "decision not signed by a trusted reviewer")
        case .headMismatch: Localized(zh: "备案包台账与登记簿记录的最新状态不符", en: "bundle ledger differs from the registry's record of it")
        case .entityNotUnique: Localized(zh: "主体标识或统一社会信用代码重复", en: "entity id or credit code used twice")
        case .receiptRefused: Localized(zh: "回执未通过核验", en: "receipt refused")
        case .packageRefused: Localized(zh: "备案包未被接收", en: "package refused")
        case .checkpointNotExtended: Localized(zh: "登记簿不是所公布检查点的延续", en: "registry does not extend the published checkpoint")
        case .strayTempFile: Localized(zh: "写入中断留下的临时文件", en: "temporary file left by an interrupted write")
        case .tornTail: Localized(zh: "台账最后一行不完整（写入被中断）", en: "incomplete last line of a ledger (an interrupted write)")
        case .registryIndexStale: Localized(zh: "登记簿索引与台账不符", en: "registry index disagrees with the ledgers")
        case .attestationMissing: Localized(zh: "缺少承诺", en: "commitment missing")
        case .nothingToSubmit: Localized(zh: "没有需要提交的内容", en: "nothing to submit")
        case .notPending: Localized(zh: "该事项不在审核中", en: "item is not awaiting review")
        case .unknownItem: Localized(zh: "事项不存在", en: "no such item")
        case .entityNotApproved: Localized(zh: "主体信息尚未通过审核", en: "entity not approved yet")
        case .reasonRequired: Localized(zh: "需要说明理由", en: "a reason is required")
        case .notApproved: Localized(zh: "该事项尚未备案", en: "item is not approved")
        case .linkedProductNotApproved: Localized(zh: "关联产品尚未通过审核", en: "linked product not approved yet")
        case .stillUnderReview: Localized(zh: "该事项正在审核中", en: "item is under review")
        case .duplicateEntity: Localized(zh: "主体已在其他备案包中备案", en: "entity already filed in another bundle")
        case .lookalikeEntity: Localized(zh: "主体名称与其他主体形近", en: "entity name looks like another entity's")
        case .keyRequired: Localized(zh: "审核决定须用受信任的审核员密钥签名", en: "a decision needs a trusted reviewer key")
        case .registrySetup: Localized(zh: "登记簿设置有误", en: "registry setup problem")
        case .itemCancelled: Localized(zh: "该事项已注销", en: "item is cancelled")
        case .productStillLinked: Localized(zh: "产品仍被算法关联，不能下线", en: "product still linked by an algorithm")
        case .submissionNotNamed: Localized(zh: "审核决定未指明所审的提交", en: "decision does not name the submission it decides")
        case .frontMatter: Localized(zh: "公告头信息错误", en: "front matter error")
        case .contentInvalid: Localized(zh: "门户内容配置错误", en: "portal content invalid")
        case .batchEmpty: Localized(zh: "期间内没有通过备案的算法", en: "no filings approved in the period")
        case .importRow: Localized(zh: "导入数据行有问题", en: "problem in an imported row")
        case .outputRefused: Localized(zh: "拒绝写入该输出位置", en: "output location refused")
        case .registryEmpty: Localized(zh: "登记簿为空而现有站点有备案", en: "empty registry would replace a site with filings")
        case .registryNotFound: Localized(zh: "登记簿目录不存在", en: "registry folder not found")
        case .addressInUse: Localized(zh: "无法监听该地址或端口", en: "cannot listen on that address or port")
        case .keyInvalid: Localized(zh: "密钥文件无效", en: "invalid key file")
        case .keyExposed: Localized(zh: "私钥文件权限过宽", en: "private key file readable by others")
        case .keyMisplaced: Localized(zh: "私钥文件位于备案包或登记簿之内", en: "private key file inside a bundle or registry")
        case .keyExists: Localized(zh: "密钥文件已存在", en: "key file already exists")
        case .verifierKeyInvalid: Localized(zh: "公钥格式无效", en: "invalid public key")
        case .noteInvalid: Localized(zh: "签名文本未通过核验", en: "the signed note does not verify")
        case .noteRefused: Localized(zh: "拒绝签署该文本", en: "refused to sign the text")
        case .siteHeadInvalid: Localized(zh: "站点摘要未通过核验", en: "the site's signed head does not verify")
        case .siteRecordMismatch: Localized(zh: "公示记录与签名摘要不符", en: "public record differs from the signed head")
        case .sitePageMismatch: Localized(zh: "备案页面与公示记录不符", en: "filing page differs from its record")
        case .siteOpenDataMismatch: Localized(zh: "开放数据与公示记录不符", en: "open data differs from the records")
        case .siteFileMismatch: Localized(zh: "站点文件与签名的文件清单不符", en: "a site file differs from the signed file list")
        case .siteLogInconsistent: Localized(zh: "日志与签名摘要不一致", en: "the log does not agree with the signed head")
        case .siteNotExtended: Localized(zh: "站点摘要没有延续先前的检查点", en: "the site's head does not extend an earlier checkpoint")
        case .siteStale: Localized(zh: "站点摘要过旧", en: "the site's head is too old")
        case .siteWitnessMissing: Localized(zh: "缺少见证方的有效连署", en: "a witness's valid cosignature is missing")
        case .witnessStateInvalid: Localized(zh: "见证状态缺失、损坏或属于另一日志", en: "witness state missing, damaged or of another log")
        case .witnessCheckpointInvalid: Localized(zh: "检查点未通过日志公钥核验", en: "checkpoint not signed by the log's key")
        case .witnessRollback: Localized(zh: "检查点没有延续上次联署的检查点", en: "checkpoint does not extend the last one cosigned")
        case .witnessProofFailed: Localized(zh: "一致性证明未通过", en: "consistency proof failed")
        case .formRequestRefused: Localized(zh: "表单请求被拒绝", en: "form request refused")
        case .formPathRefused: Localized(zh: "拒绝访问备案包之外的路径", en: "path outside the bundle refused")
        case .formUploadRefused: Localized(zh: "上传的附件被拒绝", en: "uploaded attachment refused")
        case .formEditRefused: Localized(zh: "表单无法修改该文件", en: "the form cannot edit the file")
        }
    }
}
