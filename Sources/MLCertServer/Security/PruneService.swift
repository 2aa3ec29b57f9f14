import Foundation
import Logging
import ServiceLifecycle

/// Deletes, every `interval`, the rows nothing reads any more: sign-in and registration attempts older than every
/// limit's window, and logins past their 14 days or their idle timeout. Runs in the application's service group and
/// stops at once on graceful shutdown. With several processes each prunes; the deletes are idempotent.
struct PruneService: Service {
    let accounts: AccountService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let pruned = try await accounts.prune()
                if pruned.attempts + pruned.logins > 0 {
                    logger.info("pruned old rows", metadata: ["attempts": "\(pruned.attempts)", "logins": "\(pruned.logins)"])
                }
            } catch {
                logger.warning("pruning failed; will try again", metadata: ["error": .string(String(describing: error))])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
