import MLCertCore

/// Which review records still speak for an item's current wording.
///
/// Every item version goes through both review rounds; a review of an earlier version says nothing about the current
/// options. A record that does not say which version it reviewed cannot vouch for the wording in the file (the item
/// may have been rewritten since), so it does not count as current; `mlcert content review-record` always writes
/// `item_version`. A record that names the version but whose `item_digest` no longer matches the wording is not current
/// either: someone changed the text without bumping the version.
public enum ReviewCoverage {
    /// Whether `item` has a review of its current version in `round`.
    public static func isCurrent(_ item: Item, round: ReviewRecorder.Round) -> Bool {
        switch round {
        case .fullItem: currentFullItem(item) != nil
        case .optionsOnly: currentOptionsOnly(item) != nil
        }
    }

    /// The latest full-item review, if it was of the current version.
    public static func currentFullItem(_ item: Item) -> ItemReview? {
        guard let review = item.review, review.itemVersion == item.version, review.itemDigest.map({ $0 == item.wordingDigest }) ?? true else { return nil }
        return review
    }

    /// The latest options-only review, if it was of the current version.
    public static func currentOptionsOnly(_ item: Item) -> OptionsOnlyReview? {
        guard let review = item.optionsReview, review.itemVersion == item.version, review.itemDigest.map({ $0 == item.wordingDigest }) ?? true else { return nil }
        return review
    }
}
