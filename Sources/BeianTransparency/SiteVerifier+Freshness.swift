import BeianDiagnostics
import BeianPortal
import BeianTrust
import Foundation

/// Check `--max-age` (V978): the head is recent, so a mirror cannot serve an old site forever.
extension SiteVerifier {
    /// `--max-age`: the head is no older than `maxAge` seconds at `now` (nor from the future).
    func checkFreshness(_ head: SignedHead, maxAge: Int64, now: Int64, into problems: inout [Diagnostic]) {
        let help = Localized(zh: "从登记机关自己的网址获取站点；登记机关每次构建都会重新签名", en: "fetch the site from the regulator's own address; the regulator re-signs at every build")
        guard let time = head.time else {
            problems.append(Diagnostic(.siteStale, at: location(SiteFiles.checkpoint), message: Localized(zh: "检查点没有 time 行，无法判断新旧", en: "the checkpoint has no time line: its age cannot be told"), help: help))
            return
        }
        if now - time > maxAge {
            problems.append(Diagnostic(.siteStale, at: location(SiteFiles.checkpoint),
                                       message: Localized(zh: "站点摘要签于 \(SiteTime.format(time))，已超过 \(maxAge) 秒：镜像可能在提供旧的站点",
                                                          en: "the head was signed at \(SiteTime.format(time)), more than \(maxAge) s ago: the mirror may be serving an old site"), help: help))
        } else if time - now > 300 {
            problems.append(Diagnostic(.siteStale, at: location(SiteFiles.checkpoint),
                                       message: Localized(zh: "站点摘要的时间 \(SiteTime.format(time)) 在未来", en: "the head's time \(SiteTime.format(time)) is in the future"), help: help))
        }
    }
}
