import Testing

@testable import CablewatchService

@Test func moduleIsLinked() {
    #expect(CablewatchServiceModule.name == "CablewatchService")
}
