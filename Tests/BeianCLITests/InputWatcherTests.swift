import Foundation
import Testing
@testable import BeianCLI

/// What `serve` notices: any file of the content; in the registry, only what the public view
/// is read from (the bundle list, each ledger, `.beian-registry`), never a draft's YAML.
@Suite struct InputWatcherTests {
    @Test func contentChangesAreSeenAndRegistryDraftsAreNot() throws {
        let s = try Scratch()
        try s.write("---\ntitle: a\n---\n", to: "content/announcements/a.md")
        try s.write("{}\n", to: "bundles/x/.beian/ledger.jsonl")
        try s.write("name: x\n", to: "bundles/x/entity.yaml")
        try s.write("[]\n", to: "bundles/.beian-registry/heads.jsonl")
        let content = InputWatcher(roots: [s.path("content").path])
        let registry = InputWatcher(roots: [s.path("bundles").path], registry: true)
        var (c, r) = (content.fingerprint(), registry.fingerprint())

        try s.write("---\ntitle: b\n---\n", to: "content/announcements/a.md")
        #expect(content.fingerprint() != c, "a saved announcement")
        c = content.fingerprint()
        try s.write("---\ntitle: c\n---\n", to: "content/pages/new.md")
        #expect(content.fingerprint() != c, "a new page")

        try s.write("name: draft edit\n", to: "bundles/x/entity.yaml")
        #expect(registry.fingerprint() == r, "a draft is never published: no rebuild")
        try s.write("{}\n{}\n", to: "bundles/x/.beian/ledger.jsonl")
        #expect(registry.fingerprint() != r, "an approval appends to the ledger")
        r = registry.fingerprint()
        try s.write("{}\n", to: "bundles/y/.beian/ledger.jsonl")
        #expect(registry.fingerprint() != r, "a new bundle")
        r = registry.fingerprint()
        try s.write("[1]\n", to: "bundles/.beian-registry/heads.jsonl")
        #expect(registry.fingerprint() != r, "the registry's own records")
    }
}
