import Testing

@testable import CablewatchCore

@Test func moduleIsLinked() {
    #expect(CablewatchCoreModule.name == "CablewatchCore")
}
