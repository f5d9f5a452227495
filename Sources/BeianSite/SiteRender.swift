import BeianContent
import BeianModel
import BeianOutput
import BeianPortal
import BeianRegistry
import BeianSearch
import BeianStore
import Foundation

/// The pipeline's last step: the portal rendered into the output while the search index is
/// refreshed alongside, and `.site.search-state` written for the next build.
struct SiteRender: Sendable {
    var input: PortalInput
    var view: PublicView
    var basePath: BasePath
    var place: SitePlace
    /// content/files/<name> → /files/<name> (downloads an announcement links to, e.g. a batch's CSV).
    var contentFiles: [String: Data]
    var keepPrevious: Bool
    /// content/theme, used when it exists.
    var themeFolder: URL

    func run() async -> Result<(BuildReport, SiteSearch.Made?), SitePipeline.Failed> {
        // `.site.search-state` beside the output says what the live index holds.
        let stateURL = place.beside("search-state")
        let made = SearchMade()
        do {
            let theme = try Theme.load(overrideFolder: FileManager.default.fileExists(atPath: themeFolder.path) ? themeFolder : nil)
            var options = BuildOptions()
            options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
            options.keepPreviousSite = keepPrevious
            let builder = PortalBuilder(input: input, theme: theme, options: options)
            let report: BuildReport
            do {
                report = try await builder.build(to: place.output, promised: [SiteSearch.script]) {
                    try refresh(state: stateURL, made: made)
                }
            } catch is PortalKeptFileMissing {
                // The live index lacks a file the update kept (edited by hand?): make it all.
                unlink(stateURL.path)  // a file (checked before the build), never a folder
                let started = ContinuousClock.now
                let search = try SearchIndex.make(view.filings, summaries: view.summaries, basePath: basePath.path)
                made.set(search, how: "full build: a kept file was missing", seconds: started.duration(to: .now).seconds)
                report = try await builder.build(to: place.output, promised: [SiteSearch.script]) { files(search) }
            }
            // What the live index now holds; a state that cannot be written costs the next build time only.
            if let search = made.value?.search { try? AtomicFile.write(search.state.serialized(), to: stateURL, durable: false) }
            return .success((report, made.value))
        } catch let error as SearchFailed {
            return .failure(.init(text: "search index: \(error.error)", exit: .ioFailure))
        } catch let error as PortalError {
            return .failure(.init(diagnostics: error.diagnostics, exit: .findings))
        } catch let error as PortalOutputRefused {
            return .failure(.init(diagnostics: error.diagnostics, exit: .ioFailure))
        } catch {
            return .failure(.init(text: "\(place.outDisplay): \(error)", exit: .ioFailure))
        }
    }

    /// The portal's files task: the search index refreshed, and the content's downloads.
    private func refresh(state: URL, made: SearchMade) throws -> PortalBuilder.PortalFiles {
        let started = ContinuousClock.now
        let search: SearchIndexOutput, how: String
        do { (search, how) = try SiteSearch.refresh(view, basePath: basePath, site: place.output, state: state) } catch {
            throw SearchFailed(error: error)
        }
        made.set(search, how: how, seconds: started.duration(to: .now).seconds)
        return files(search)
    }

    /// The index's files and the operator's downloads (`content/files/<name>`) under `files/`.
    private func files(_ search: SearchIndexOutput) -> PortalBuilder.PortalFiles {
        var made = SiteSearch.portalFiles(search)
        for (name, data) in contentFiles { made.extra[ContentLoader.filesDir + "/" + name] = data }
        return made
    }
}
