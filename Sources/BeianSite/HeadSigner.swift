public import BeianDiagnostics
import BeianModel
public import BeianPortal
public import BeianRegistry
import BeianStore
public import BeianTrust
import Foundation

/// The signer of the portal's head (SPEC §8): the registry key, checked against the key the
/// registry was set up with, the registry's head chain it commits to (SPEC §11), and the
/// witnesses' cosignatures of an earlier build of the same checkpoint.
public enum HeadSigner {
    /// Why there is no signer: every problem found.
    public struct Problems: Error {
        public var diagnostics: [Diagnostic]
    }

    /// The registry's setup (`registry.json`), nil for a registry never set up.
    public static func registryConfig(_ bundles: String) -> Result<RegistryConfig?, Problems> {
        do { return .success(try RegistryConfig.load(registry: URL(fileURLWithPath: bundles), display: bundles)) } catch {
            return .failure(Problems(diagnostics: error.diagnostics))
        }
    }

    /// The head's signer from `key` (read from `keyPath`), which must be the registry's own
    /// key, with the registry's anchor and the `cosignatures` given (files), or every problem.
    public static func signing(_ key: SigningKey, keyPath: String, registry bundles: String, config: RegistryConfig?,
                               cosignatures: [String], now: Int64) -> Result<HeadSigning, Problems> {
        if let problem = keyProblem(key, keyPath: keyPath, registry: bundles, config: config) { return .failure(Problems(diagnostics: [problem])) }
        // The checkpoint commits to the registry's head chain (SPEC §11): `beian verify
        // --checkpoint` then proves the registry extends what this site published.
        let anchor: String?
        do { anchor = config == nil ? nil : try RegistryHeads.anchor(registry: URL(fileURLWithPath: bundles), display: bundles) } catch {
            return .failure(Problems(diagnostics: error.diagnostics))
        }
        switch cosigned(cosignatures) {
        case .success(let (time, notes)):
            return .success(HeadSigning(key: key, time: time ?? now, registryAnchor: anchor, cosignatures: notes))
        case .failure(let problems):
            return .failure(problems)
        }
    }

    /// Why `key` cannot sign this registry's head: not a registry key, or not the one
    /// `registry.json` names.
    static func keyProblem(_ signing: SigningKey, keyPath key: String, registry bundles: String, config: RegistryConfig?) -> Diagnostic? {
        var problem: Localized?
        if signing.kind != .registry {
            problem = Localized(zh: "“\(key)”是\(signing.kind.rawValue)密钥，站点摘要须用登记簿密钥签名", en: "'\(key)' is a \(signing.kind.rawValue) key; the site's head is signed with the registry key")
        } else if let config, config.registryKey != signing.verifierKey.description {
            problem = Localized(zh: "“\(key)”（\(signing.verifierKey.name)+\(signing.verifierKey.keyID)）不是登记簿 \(bundles) 的密钥（registry.json 记载 \(config.registryKey)）",
                                en: "'\(key)' (\(signing.verifierKey.name)+\(signing.verifierKey.keyID)) is not the key of the registry \(bundles) (registry.json names \(config.registryKey))")
        }
        return problem.map {
            Diagnostic(.registrySetup, at: SourceLocation(path: key), field: FieldRef(key: "key", zh: "登记簿私钥", en: "registry key"),
                       message: $0, help: Localized(zh: "用 beian registry init 时的登记簿私钥文件", en: "use the registry key file the registry was set up with (beian registry init)"))
        }
    }

    /// The cosigned checkpoints in `files` (`build --cosignature`), and the time they all
    /// carry: the build remakes exactly that checkpoint (the portal refuses one that differs
    /// otherwise). Every problem, not the first.
    public static func cosigned(_ files: [String]) -> Result<(time: Int64?, notes: [(source: String, note: String)]), Problems> {
        var notes: [(source: String, note: String)] = []
        var times = Set<Int64>()
        var problems: [Diagnostic] = []
        for file in files {
            func problem(_ zh: String, _ en: String) {
                problems.append(Diagnostic(.siteHeadInvalid, at: SourceLocation(path: file), field: FieldRef(key: "cosignature", zh: "连署", en: "cosignature"),
                                           message: Localized(zh: zh, en: en),
                                           help: Localized(zh: "给出 beian witness cosign --out 写出的文件", en: "give the file beian witness cosign --out wrote")))
            }
            guard case .success(let data) = NoFollow.read(root: URL(fileURLWithPath: file).deletingLastPathComponent(),
                                                      URL(fileURLWithPath: file).lastPathComponent, limit: 1 << 16) else {
                problem("无法读取连署文件", "the cosignature file cannot be read"); continue
            }
            let note = String(decoding: data, as: UTF8.self)
            guard let split = note.range(of: "\n\n"), let checkpoint = Checkpoint(text: String(note[..<split.lowerBound]) + "\n"),
                  let stamp = checkpoint.time, let time = SiteTime.parse(stamp) else {
                problem("不是带 time 行的已签名检查点", "not a signed checkpoint with a time line"); continue
            }
            times.insert(time)
            notes.append((file, note))
        }
        if times.count > 1 {
            problems.append(Diagnostic(.siteHeadInvalid, at: SourceLocation(path: files[0]), field: FieldRef(key: "cosignature", zh: "连署", en: "cosignature"),
                                       message: Localized(zh: "这些连署属于不同时间的检查点", en: "the cosignatures are of checkpoints made at different times"),
                                       help: Localized(zh: "只给出同一份检查点的连署", en: "give only cosignatures of one checkpoint")))
        }
        return problems.isEmpty ? .success((times.first, notes)) : .failure(Problems(diagnostics: problems))
    }
}
