import Testing

@testable import CablewatchStore

@Test func moduleIsLinked() {
    #expect(CablewatchStoreModule.name == "CablewatchStore")
}
