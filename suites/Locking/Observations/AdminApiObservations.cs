using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>What the admin lock API scenario saw: discovery (always asked), then the API's answers,
/// which are not seen when the server has no admin lock API (skip) or the scenario could not start.</summary>
public sealed record AdminApiObservations(Observed<AdminApiDiscovery> Discovery, Observed<AdminApiAnswers> Api);

/// <summary>The capabilities an admin and a non-admin see, the unstable MSC4323 endpoint, and the
/// /versions unstable flags.</summary>
public sealed record AdminApiDiscovery(MatrixResponse AdminCapabilities, MatrixResponse OtherCapabilities, MatrixResponse UnstableGet, IReadOnlyList<string> UnstableFeatures);

/// <summary>A GET and a PUT of <c>/admin/lock/{userId}</c> for one user.</summary>
public sealed record LockApiPair(MatrixResponse Get, MatrixResponse Put)
{
    public MatrixResponse For(LockApiMethod method) => method == LockApiMethod.Get ? Get : Put;
}

public sealed record AdminApiAnswers
{
    /// <summary>A non-admin's GET and PUT on an existing user, and the admin's GET of that user afterwards.</summary>
    public required LockApiPair NonAdmin { get; init; }
    public required MatrixResponse AfterNonAdminPut { get; init; }
    /// <summary>A non-admin on an existing, an unknown and a remote user, to tell whether they can be told apart.</summary>
    public required LockApiPair NonAdminOnExisting { get; init; }
    public required LockApiPair NonAdminOnUnknown { get; init; }
    public required LockApiPair NonAdminOnRemote { get; init; }
    /// <summary>The admin locks, reads, unlocks and reads again.</summary>
    public required MatrixResponse Lock { get; init; }
    public required MatrixResponse Locked { get; init; }
    public required MatrixResponse Unlock { get; init; }
    public required MatrixResponse Unlocked { get; init; }
    /// <summary>The target user's own whoami after the lock and after the unlock: whether each took effect.</summary>
    public required MatrixResponse UserWhileLocked { get; init; }
    public required MatrixResponse UserAfterUnlock { get; init; }
    /// <summary>The error answers: a remote, an unknown and a deactivated user.</summary>
    public required LockApiPair RemoteUser { get; init; }
    public required LockApiPair UnknownUser { get; init; }
    public required Observed<LockApiPair> DeactivatedUser { get; init; }
    /// <summary>An admin locking another admin, and an admin locking itself (PUT only).</summary>
    public required Observed<MatrixResponse> OtherAdmin { get; init; }
    public required Observed<MatrixResponse> Self { get; init; }
}

public enum LockApiMethod { Get, Put }

public enum LockChange { Lock, Unlock }

public enum AdminApiError { RemoteUser, UnknownUser, DeactivatedUser, Self, OtherAdmin }

public enum CapabilityViewer { Admin, NonAdmin }
