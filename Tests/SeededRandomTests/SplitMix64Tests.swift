// SplitMix64Tests: the generator against published reference outputs, and its two
// shuffles and two integer draws.
import SeededRandom
import Testing

@Suite struct SplitMix64Tests {
    /// First outputs seeded with 0, as commonly quoted for Vigna's splitmix64.c, and
    /// re-derived with a separate five-line Python version of it:
    ///   s += 0x9E3779B97F4A7C15; z = (s ^ s>>30) * 0xBF58476D1CE4E5B9;
    ///   z = (z ^ z>>27) * 0x94D049BB133111EB; return z ^ z>>31   (mod 2^64)
    @Test func matchesTheReferenceSequenceForSeedZero() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    /// Seeded with 1234567, computed in Python with 64-bit masking (command in the
    /// README's Testing section).
    @Test func matchesTheReferenceSequenceForSeed1234567() {
        var rng = SplitMix64(seed: 1_234_567)
        #expect((0..<5).map { _ in rng.next() } == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test func shuffleIsAPermutationAndReproducible() {
        var first = SplitMix64(seed: 42), second = SplitMix64(seed: 42)
        var a = Array(0..<1000), b = Array(0..<1000)
        first.shuffle(&a)
        second.shuffle(&b)
        #expect(a == b)
        #expect(a != Array(0..<1000))
        #expect(a.sorted() == Array(0..<1000))
    }

    @Test func permutationIsAPermutation() {
        var rng = SplitMix64(seed: 3)
        let p = rng.permutation(1000)
        #expect(p.sorted() == Array(0..<1000))
        #expect(p != Array(0..<1000))
    }
}
