/// The deterministic synthetic corpus: metadata for every cable, texts regenerated per cable from seed and index.
public struct SimCorpus: Sendable {
    public let seed: UInt64
    public let cables: [SimCableMetadata]

    /// Generates the metadata of `count` cables; reference ids are made unique in index order.
    public init(seed: UInt64, count: Int) {
        self.seed = seed
        var cables: [SimCableMetadata] = []
        cables.reserveCapacity(count)
        var seen: Set<String> = []
        seen.reserveCapacity(count)
        for index in 0..<max(0, count) {
            cables.append(CableMetadataGenerator.metadata(seed: seed, index: index, taken: &seen))
        }
        self.cables = cables
    }

    public var count: Int { cables.count }

    /// The cable at `index` in its original form, or after the given edits.
    public func cable(at index: Int, edits: [CableEdit] = []) -> SimulatedCable {
        let metadata = cables[index]
        var text = CableTextGenerator(seed: seed).text(for: metadata)
        for edit in edits {
            text.body = CableEditor.apply(
                edit, to: text.body, seed: seed, cableIndex: index, classification: metadata.classification)
        }
        return SimulatedCable(metadata: metadata, text: text)
    }
}
