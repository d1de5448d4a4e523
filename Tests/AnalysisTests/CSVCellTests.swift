// CSVCellTests: OWASP's formula neutralisation and RFC 4180 quoting, cell by cell, worked by hand.
import Testing
@testable import Analysis

@Suite struct CSVCellTests {
    @Test func textStartingLikeAFormulaGetsAnApostrophe() {
        #expect(CSVCell.text("=1+1") == "'=1+1")
        #expect(CSVCell.text("+1") == "'+1")
        #expect(CSVCell.text("-2+3") == "'-2+3")
        #expect(CSVCell.text("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVCell.text("\tcmd") == "'\tcmd")
        // A carriage return also needs RFC 4180 quotes; the apostrophe goes inside them.
        #expect(CSVCell.text("\rcmd") == "\"'\rcmd\"")
        #expect(CSVCell.text("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
    }

    @Test func otherTextIsOnlyQuotedWhenNeeded() {
        #expect(CSVCell.text("") == "")
        #expect(CSVCell.text("a=b") == "a=b")
        #expect(CSVCell.text(" =1") == " =1")
        #expect(CSVCell.text("'quoted'") == "'quoted'")
        #expect(CSVCell.text("big, \"red\" dog") == "\"big, \"\"red\"\" dog\"")
    }

    @Test func numbersStayNumbers() {
        #expect(CSVCell.number(-3) == "-3")
        #expect(CSVCell.number(-0.5) == "-0.5")
        #expect(CSVCell.number(Int64(12)) == "12")
        #expect(CSVCell.number(Double?.none) == "")
        // The same characters as text are neutralised: a list of scores is text.
        #expect(CSVCell.text("-0.5;0.25") == "'-0.5;0.25")
    }
}
