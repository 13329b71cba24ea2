import Testing

@testable import CablewatchService

@Test func syncOptionsDefaultToTheDocumentedValues() {
    let options = SyncOptions(sourceURL: "http://127.0.0.1:1")
    #expect(options.homePath == "/index.html")
    #expect(options.revalidate == .seconds(86_400))
}
