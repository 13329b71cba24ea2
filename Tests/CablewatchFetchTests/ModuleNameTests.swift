import Testing

@testable import CablewatchFetch

@Test func moduleIsLinked() {
    #expect(CablewatchFetchModule.name == "CablewatchFetch")
}
