using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>
/// What the account-locking scenario saw, one record per phase, in the order the phases ran: prepared
/// (an adapter that can lock was found, the sweep's fixtures were made and the state was read), locked,
/// unlocked, and logout/all (locked again, last because it ends every session). A phase that could not
/// run says why (no lock adapter: skip; the lock or unlock refused: error), and so does every phase
/// after it.
/// </summary>
public sealed record LockObservations(
    Observed<LockPreparation> Prepared,
    Observed<LockedPhase> Locked,
    Observed<UnlockedPhase> Unlocked,
    Observed<LogoutAnswer> LogoutAll)
{
    /// <summary>Nothing observed: the scenario stopped before the lock, for this reason.</summary>
    public static LockObservations NotSeen(Judgement why) =>
        new(Observed.NotSeen<LockPreparation>(why), Observed.NotSeen<LockedPhase>(why), Observed.NotSeen<UnlockedPhase>(why), Observed.NotSeen<LogoutAnswer>(why));
}

/// <summary>Read before the lock: what each side-effect probe of fixtures/sweep/side-effects.yaml
/// answered, by probe id, to compare with the same read after unlocking.</summary>
public sealed record LockPreparation(IReadOnlyDictionary<string, MatrixResponse> StateBefore);

/// <summary>A logout request and, afterwards, GET /account/whoami with each token it should have ended.</summary>
public sealed record LogoutAnswer(MatrixResponse Logout, IReadOnlyList<MatrixResponse> TokensAfter);
