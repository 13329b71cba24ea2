/// The generated text of one cable before it is wrapped into a `SimulatedCable`.
struct CableText: Sendable {
    var subjectLines: [String]
    var header: String
    var body: String
    var isPartialExtract: Bool
}
