/// Choosing which computed values become options: the key's value plus the mistakes that read most differently from it
/// and from each other, so that every option is a number someone plausibly arrives at and no two print alike.
enum OptionValues {
    /// The key followed by `count - 1` mistakes, tried from the one farthest from the key inwards and kept when it stays
    /// clear of every value already chosen (`Separation.isClear` with `relative` and `absolute`); nil when fewer than
    /// `count - 1` mistakes survive, so that the generator redraws the situation.
    ///
    /// ```swift
    /// OptionValues.pick(key: (0.21, .none), mistakes: [(0.09, .base10), (0.42, .absolute)], count: 3, relative: 0.2)
    /// // [(0.21, .none), (0.42, .absolute), (0.09, .base10)]
    /// ```
    ///
    /// With `straddle`, the farthest clear mistake below the key and the farthest above it are taken first (nil if either
    /// side has none), so that the key is never the smallest or the largest option: for families whose mistakes mostly
    /// err in one direction, that removes "pick the extreme" as a strategy.
    static func pick<Mistake>(
        key: (value: Double, mistake: Mistake), mistakes: [(value: Double, mistake: Mistake)], count: Int = 4, relative: Double,
        absolute: Double = 0, straddle: Bool = false
    ) -> [(value: Double, mistake: Mistake)]? {
        var chosen = [key]
        var remaining = mistakes.sorted(by: { abs($0.value - key.value) > abs($1.value - key.value) })
        func take(where condition: (Double) -> Bool) -> Bool {
            guard let i = remaining.firstIndex(where: {
                condition($0.value) && Separation.isClear(chosen.map(\.value) + [$0.value], relative: relative, absolute: absolute)
            }) else { return false }
            chosen.append(remaining.remove(at: i))
            return true
        }
        if straddle {
            guard take(where: { $0 < key.value }), take(where: { $0 > key.value }) else { return nil }
        }
        while chosen.count < count, take(where: { _ in true }) {}
        return chosen.count == count ? chosen : nil
    }
}
