import BeianDiagnostics
import BeianPortal
import BeianTrust
import Foundation

/// Check `--witness` (V979): the checkpoint carries every named witness's cosignature.
extension SiteVerifier {
    /// `--witness`: each key has a valid cosignature on the checkpoint.
    func checkWitnesses(_ head: SignedHead, _ witnesses: [CosignatureKey], into problems: inout [Diagnostic]) {
        for w in witnesses {
            if case .failure(let why) = Cosignature.verify(noteText: head.note, key: w) {
                problems.append(Diagnostic(.siteWitnessMissing, at: location(SiteFiles.checkpoint),
                                           message: Localized(zh: "检查点缺少见证方 \(w.name)+\(w.keyID) 的有效连署（\(why)）",
                                                              en: "the checkpoint carries no valid cosignature by the witness \(w.name)+\(w.keyID) (\(why))"),
                                           help: Localized(zh: "请运营方发布经见证方连署的检查点（beian build --cosignature）",
                                                           en: "ask the operator to publish a checkpoint the witnesses cosigned (beian build --cosignature)")))
            }
        }
    }
}
