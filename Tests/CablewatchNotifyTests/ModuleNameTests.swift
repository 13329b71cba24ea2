import Testing

@testable import CablewatchNotify

@Test func moduleIsLinked() {
    #expect(CablewatchNotifyModule.name == "CablewatchNotify")
}
