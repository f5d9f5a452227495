public import BeianModel
public import BeianTrust

/// A filing's canonical public record (SPEC §8): every public field, as the portal publishes
/// it (filer strings through `PlainText.clean`), in RFC 8785 canonical JSON. The file
/// `/filings/<id>/record.json` holds exactly these bytes; the signed head (`SiteHead`) commits
/// to their RFC 9162 leaf hashes, so `beian verify-site` can check every page and every row of
/// the open data against records the registry key vouches for.
///
/// Only `PublicFiling` reaches it: nothing private can be in a record.
public enum PublicRecord {
    /// The record format, named in every record. v2 (issue 19): each history step carries
    /// `changes`, the public fields an approved change changed, old → new. v3 (issue 27):
    /// `hosts`, the hosts of the products' URLs (网站域名).
    public static let format = "beian-portal/record/v3"
    /// Every format `beian verify-site` reads, oldest first (a mirror of an older build stays
    /// checkable).
    package static let formats = ["beian-portal/record/v1", "beian-portal/record/v2", format]
    /// Where a filing's record sits, beside its page.
    package static func path(_ id: String) -> String { Routes.filing(id) + "record.json" }

    public static func value(_ f: PublicFiling) -> CanonicalJSON { RecordFields(f).value }

    public static func bytes(_ f: PublicFiling) -> [UInt8] { value(f).bytes }
}
