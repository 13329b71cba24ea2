import Testing

@testable import CablewatchCore

@Test func fieldsAcceptCommaSeparatedTagsWithoutColonAndWrappedSubject() {
    let body = """
        SECRET SECTION 01 OF 02 ANKARA 000123

        TAGS PREL, PINR,MARR
        SUBJ: TURKEY:  A LONG
           SUBJECT THAT WRAPS
        Classified By: Ambassador. Reason 1.4 (b)
        1. (S) Text.
        """
    let fields = CableTextFieldsReader.read(header: "", body: body)
    #expect(fields.tags == ["PREL", "PINR", "MARR"])
    #expect(fields.subject == "TURKEY:  A LONG SUBJECT THAT WRAPS")
    #expect(fields.classifiedBy == "Ambassador. Reason 1.4 (b)")
    #expect(fields.reference == nil)
    #expect(fields.dateTimeGroup == nil && fields.from == nil && fields.to.isEmpty)
}

@Test func missingFieldsAreNilNotErrors() {
    let fields = CableTextFieldsReader.read(header: "", body: "JUST SOME TEXT\nWITHOUT FIELDS")
    #expect(fields == CableTextFields())
}

@Test(arguments: ["O 260810Z MAY 06", "OO 011200Z JAN 2009", "R 151000Z JUL 75"])
func dateTimeGroupsAreRecognised(line: String) {
    #expect(CableTextFieldsReader.isDateTimeGroup(line))
}

@Test(arguments: ["OO RUEHWEB", "DE RUEHUL #1789/01 1460810", "O 260810 MAY 06", "TO 260810Z MAY 06 X"])
func otherRoutingLinesAreNotDateTimeGroups(line: String) {
    #expect(!CableTextFieldsReader.isDateTimeGroup(line))
}
