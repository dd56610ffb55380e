using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;

namespace Conformance.Suites.Locking.Observations;

/// <summary>After unlocking: GET /account/whoami with each token from before the lock, and the state
/// each side-effect probe reads, by probe id. The state is not seen (inconclusive) when the account
/// could not be used at all: its tokens and a fresh login all refused.</summary>
public sealed record UnlockedPhase(IReadOnlyList<TokenAfterUnlock> Tokens, Observed<IReadOnlyDictionary<string, MatrixResponse>> StateAfter);

/// <summary>A session from before the lock and what GET /account/whoami answered to its token after unlocking.</summary>
public sealed record TokenAfterUnlock(UserSession Session, MatrixResponse Whoami);
