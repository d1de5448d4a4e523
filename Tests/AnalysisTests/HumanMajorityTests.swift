// HumanMajorityTests: the most frequent first guess and the earliest-chosen tie rule.
import Testing
@testable import Analysis

@Suite struct HumanMajorityTests {
    @Test func mostFrequentWins() {
        #expect(HumanMajority.label(firstGuesses: [3, 1, 1, 2, 1, 3]) == 1)
    }

    @Test func tieGoesToTheCategoryChosenEarliest() {
        // 2 and 5 both have two votes; 5 appears first.
        #expect(HumanMajority.label(firstGuesses: [5, 2, 2, 5]) == 5)
        #expect(HumanMajority.label(firstGuesses: [2, 5, 5, 2]) == 2)
        // Three-way tie of singles: the first one.
        #expect(HumanMajority.label(firstGuesses: [7, 0, 3]) == 7)
    }

    @Test func tieRuleDoesNotFollowCategoryOrder() {
        // 9 chosen first beats 0 despite the lower index of 0.
        #expect(HumanMajority.label(firstGuesses: [9, 0]) == 9)
    }

    @Test func noGuessesHaveNoMajority() {
        #expect(HumanMajority.label(firstGuesses: []) == nil)
    }
}
