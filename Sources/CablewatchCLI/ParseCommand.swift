import ArgumentParser
import CablewatchCore
import CablewatchFetch
import Foundation

/// `cablewatch parse PAGE|URL`: parses one saved page or URL and prints what it found.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse a saved page or a URL and print the counter, days, listing and cable.")

    @Argument(help: "A file path, or an http(s) URL.") var page: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let bytes = try await load()
            let parsed: ParsedPage
            do {
                parsed = try PageParser.parse(bytes)
            } catch {
                throw CommandFailure("\(page): \(error)")
            }
            let output = ParseOutput(parsed, rawSHA256: ContentHasher.sha256Hex(bytes))
            if json {
                try Output.json(output)
            } else {
                print(output.humanText)
            }
        }
    }

    private func load() async throws -> [UInt8] {
        guard page.hasPrefix("http://") || page.hasPrefix("https://") else {
            guard let data = FileManager.default.contents(atPath: page) else {
                throw CommandFailure("\(page): cannot read the file")
            }
            return Array(data)
        }
        guard let url = URL(string: page), let scheme = url.scheme, let host = url.host else {
            throw CommandFailure("\(page): not a valid URL")
        }
        let origin = "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        let fetcher = try CurlFetcher(
            configuration: FetchConfiguration(allowedOrigin: origin, userAgent: "cablewatch-parse/0.1"))
        defer { fetcher.shutdown() }
        do {
            let response = try await fetcher.fetch(FetchRequest(url: page))
            guard (200..<300).contains(response.status) else {
                throw CommandFailure("\(page): HTTP \(response.status)")
            }
            return response.body
        } catch let error as FetchError {
            throw CommandFailure("\(error)")
        }
    }
}

/// The JSON shape of `parse --json`; absent parts are omitted.
struct ParseOutput: Encodable {
    /// The cable part, flattened for scripts.
    struct Cable: Encodable {
        var referenceId, created: String
        var released: String?
        var classification, origin, headline: String
        var subject: String?
        var tags: [String]
        var executiveOrder, classifiedBy, reference, dateTimeGroup, from: String?
        var to: [String]
        var articles: [String]
        var isPartialExtract: Bool
        var header, body: String
        var contentSHA256, whitespaceInsensitiveSHA256, rawSHA256: String
    }

    var counter: ReleaseCounter?
    var releaseDays: [String]?
    var listing: ListingPage?
    var cable: Cable?

    init(_ page: ParsedPage, rawSHA256: String) {
        counter = page.counter
        releaseDays = page.releaseDays.isEmpty ? nil : page.releaseDays.map(\.key)
        listing = page.listing
        cable = page.cable.map {
            Cable(
                referenceId: $0.referenceId, created: $0.created, released: $0.released,
                classification: $0.classification, origin: $0.origin, headline: $0.headline,
                subject: $0.fields.subject, tags: $0.fields.tags, executiveOrder: $0.fields.executiveOrder,
                classifiedBy: $0.fields.classifiedBy, reference: $0.fields.reference,
                dateTimeGroup: $0.fields.dateTimeGroup, from: $0.fields.from, to: $0.fields.to,
                articles: $0.articles, isPartialExtract: $0.isPartialExtract, header: $0.header, body: $0.body,
                contentSHA256: $0.hashes.contentSHA256,
                whitespaceInsensitiveSHA256: $0.hashes.whitespaceInsensitiveSHA256, rawSHA256: rawSHA256)
        }
    }

    var humanText: String {
        var lines: [String] = []
        if let counter { lines.append("counter: \(counter.released) / \(counter.total)") }
        if let releaseDays {
            lines.append("release days: \(releaseDays.count) (newest \(releaseDays.first ?? "-"))")
        }
        if let listing {
            lines.append("listing: page \(listing.page) of 0...\(listing.lastPage), \(listing.rows.count) rows")
            for row in listing.rows {
                lines.append(
                    "  \(Output.pad(row.referenceId, 20)) \(row.released ?? "-")  \(row.classification)  \(row.subject)"
                )
            }
        }
        if let cable {
            lines.append("cable \(cable.referenceId)")
            lines.append("  created:        \(cable.created)")
            lines.append("  released:       \(cable.released ?? "-")")
            lines.append("  classification: \(cable.classification)")
            lines.append("  origin:         \(cable.origin)")
            lines.append("  subject:        \(cable.subject ?? cable.headline)")
            lines.append("  tags:           \(cable.tags.joined(separator: " "))")
            if let dtg = cable.dateTimeGroup { lines.append("  DTG:            \(dtg)") }
            if let from = cable.from { lines.append("  from:           \(from)") }
            lines.append("  contentSHA256:  \(cable.contentSHA256)")
            lines.append("  rawSHA256:      \(cable.rawSHA256)")
            lines.append("  text:           \(cable.header.utf8.count + cable.body.utf8.count) bytes")
        }
        return lines.joined(separator: "\n")
    }
}
