import Testing

@testable import CablegateSim

@Test func moduleIsLinked() {
    #expect(CablegateSimModule.name == "CablegateSim")
}
